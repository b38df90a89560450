/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vfio-cdev.h: open a PCI device the modern vfio way (cdev + iommufd), for
 * the demo programs.  Part of the vfio-wc project's demo.
 */
#ifndef VFIO_CDEV_H
#define VFIO_CDEV_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/ioctl.h>

#include <linux/iommufd.h>
#include <linux/vfio.h>

static int verbose = 1;

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	exit(1);
}

static int open_cdev(const char *bdf)
{
	char path[256];
	struct dirent *d;
	DIR *dir;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/vfio-dev", bdf);
	dir = opendir(path);
	if (!dir)
		die("no vfio cdev for the device (bound to vfio-pci?)");
	while ((d = readdir(dir)) && strncmp(d->d_name, "vfio", 4))
		;
	if (!d)
		die("no vfioN entry");
	snprintf(path, sizeof(path), "/dev/vfio/devices/%s", d->d_name);
	closedir(dir);
	fd = open(path, O_RDWR);
	if (fd < 0)
		die(path);
	if (verbose)
		printf("  device          %s -> %s\n", bdf, path);
	return fd;
}

static int bind_iommufd(int dev)
{
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct vfio_device_attach_iommufd_pt attach = { .argsz = sizeof(attach) };
	struct iommu_ioas_alloc ioas = { .size = sizeof(ioas) };
	int iommufd = open("/dev/iommu", O_RDWR);

	if (iommufd < 0)
		die("/dev/iommu");
	bind.iommufd = iommufd;
	if (ioctl(dev, VFIO_DEVICE_BIND_IOMMUFD, &bind))
		die("VFIO_DEVICE_BIND_IOMMUFD");
	if (ioctl(iommufd, IOMMU_IOAS_ALLOC, &ioas))
		die("IOMMU_IOAS_ALLOC");
	attach.pt_id = ioas.out_ioas_id;
	if (ioctl(dev, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach))
		die("VFIO_DEVICE_ATTACH_IOMMUFD_PT");
	if (verbose)
		printf("  iommufd         bound, IOAS %u attached\n", ioas.out_ioas_id);
	return iommufd;
}

/*
 * The VFIO_REGION_MMAP_* attributes VFIO_DEVICE_GET_REGION_MMAP honours for
 * region @index, from the VFIO_REGION_INFO_CAP_MMAP_ATTRS capability of
 * VFIO_DEVICE_GET_REGION_INFO; 0 without it (no mmap cookies: map the
 * REGION_INFO offset).
 */
static uint32_t mmap_attrs(int dev, uint32_t index)
{
	struct vfio_region_info *info, hdr = { .argsz = sizeof(hdr), .index = index };
	struct vfio_info_cap_header *cap;
	uint32_t off, attrs = 0;
	int n;

	/* Once for the size of the capability chain, once for the chain */
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &hdr))
		die("VFIO_DEVICE_GET_REGION_INFO");
	if (!(hdr.flags & VFIO_REGION_INFO_FLAG_CAPS) || hdr.argsz <= sizeof(hdr))
		return 0;
	info = calloc(1, hdr.argsz);
	if (!info)
		die("calloc");
	info->argsz = hdr.argsz;
	info->index = index;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, info))
		die("VFIO_DEVICE_GET_REGION_INFO");
	for (off = info->cap_offset, n = 0; off && n < 64; off = cap->next, n++) {
		if (off < sizeof(*info) || off + sizeof(*cap) > info->argsz)
			break;
		cap = (void *)((char *)info + off);
		if (cap->id == VFIO_REGION_INFO_CAP_MMAP_ATTRS &&
		    off + sizeof(struct vfio_region_info_cap_mmap_attrs) <= info->argsz) {
			attrs = ((struct vfio_region_info_cap_mmap_attrs *)cap)->attrs;
			break;
		}
	}
	free(info);
	return attrs;
}

#endif
