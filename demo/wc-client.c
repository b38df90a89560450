// SPDX-License-Identifier: GPL-2.0-only
/*
 * wc-client: what a DPDK-style userspace driver does to get a
 * write-combining mapping of a PCI BAR from vfio-pci.
 *
 *   wc-client <BDF> [BAR]
 *
 * Opens the device through its vfio cdev and iommufd, finds the BAR with
 * VFIO_DEVICE_GET_REGION_INFO, asks VFIO_DEVICE_GET_REGION_MMAP for a WC
 * and an NC cookie of the same range, maps both, writes descriptors through
 * WC (with the barrier a real driver needs), reads them back through NC and
 * pread(), and prints the memory type of each mapping as the page tables
 * hold it (x86: PAT bits of the PTE; arm64 has no dump of user page
 * tables).  On a kernel without the ioctl it falls back to the default
 * REGION_INFO mapping, like a driver must.
 *
 * Part of the vfio-wc project's demo, not of the kernel series.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/ioctl.h>
#include <sys/mman.h>

#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "vfio-cdev.h"

#define MAP_LEN		(256 * 1024)	/* a TX descriptor push area */
#define DESC_LEN	64		/* one descriptor: one WC burst */

#define PTDUMP	"/sys/kernel/debug/page_tables/current_kernel"
#define PATLIST	"/sys/kernel/debug/x86/pat_memtype_list"

/* What a driver uses after filling a WC buffer, before ringing a doorbell */
static inline void wc_flush(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__asm__ __volatile__("sfence" ::: "memory");
#elif defined(__aarch64__)
	__asm__ __volatile__("dsb st" ::: "memory");
#else
	__sync_synchronize();
#endif
}

/*
 * The memory type of the PTE that maps @p, from the x86 page table dump:
 * Linux programs PAT so that PWT alone is WC and PCD alone is UC-.
 */
static const char *pte_type(void *p, char *line, size_t len)
{
	unsigned long addr = (unsigned long)p, start, end;
	const char *type = NULL;
	FILE *f = fopen(PTDUMP, "r");

	if (!f)
		return "not readable here (no user page table dump on this arch)";
	while (fgets(line, len, f)) {
		if (sscanf(line, "0x%lx-0x%lx", &start, &end) != 2 ||
		    addr < start || addr >= end)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (strstr(line, " PWT") && !strstr(line, " PCD"))
			type = "WC  (PTE: PWT, no PCD)";
		else if (strstr(line, " PCD") && !strstr(line, " PWT"))
			type = "UC- (PTE: PCD, no PWT)";
		else if (strstr(line, " PCD") && strstr(line, " PWT"))
			type = "UC  (PTE: PCD PWT)";
		else
			type = "WB  (PTE: no PCD, no PWT)";
		break;
	}
	fclose(f);
	return type ? type : "not mapped";
}

/* The PAT reservations covering [phys, phys + len) */
static void pat_lines(unsigned long long phys, unsigned long long len)
{
	unsigned long long start, end;
	char line[256];
	FILE *f = fopen(PATLIST, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "PAT: [mem 0x%llx-0x%llx]", &start, &end) != 2 ||
		    end <= phys || start >= phys + len)
			continue;
		printf("    %s", line);
	}
	fclose(f);
}

static unsigned long long bar_phys(const char *bdf, int bar)
{
	unsigned long long start = 0, end, flags;
	char path[256];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", bdf);
	f = fopen(path, "r");
	if (!f)
		return 0;
	for (i = 0; i <= bar; i++)
		if (fscanf(f, "%llx %llx %llx", &start, &end, &flags) != 3)
			start = 0;
	fclose(f);
	return start;
}

static int get_cookie(int dev, int bar, uint32_t flags,
		      struct vfio_region_mmap *req)
{
	*req = (struct vfio_region_mmap) {
		.argsz = sizeof(*req),
		.flags = flags,
		.index = VFIO_PCI_BAR0_REGION_INDEX + bar,
		.offset = 0,
		.size = MAP_LEN,
	};
	return ioctl(dev, VFIO_DEVICE_GET_REGION_MMAP, req) ? -errno : 0;
}

int main(int argc, char **argv)
{
	struct vfio_region_info info = { .argsz = sizeof(info) };
	struct vfio_region_mmap wc_req, nc_req, probe = { .argsz = 0 };
	const char *bdf = argc > 1 ? argv[1] : NULL;
	int bar = argc > 2 ? atoi(argv[2]) : 2;
	const char *wc_what = "WC cookie";
	unsigned char desc[DESC_LEN];
	unsigned char *wc, *nc;
	unsigned long long phys;
	int dev, ret, bad = 0;
	char line[256];
	size_t i, j;

	if (!bdf) {
		fprintf(stderr, "usage: wc-client <BDF> [BAR]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("wc-client: write-combining BAR mapping through vfio\n");
	dev = open_cdev(bdf);
	bind_iommufd(dev);

	info.index = VFIO_PCI_BAR0_REGION_INDEX + bar;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &info))
		die("VFIO_DEVICE_GET_REGION_INFO");
	phys = bar_phys(bdf, bar);
	printf("  BAR%d            %llu MiB at phys 0x%llx, REGION_INFO offset 0x%llx%s\n",
	       bar, (unsigned long long)info.size >> 20, phys,
	       (unsigned long long)info.offset,
	       info.flags & VFIO_REGION_INFO_FLAG_MMAP ? ", mmap" : "");
	if (!(info.flags & VFIO_REGION_INFO_FLAG_MMAP) || info.size < MAP_LEN) {
		fprintf(stderr, "wc-client: BAR%d cannot be mapped\n", bar);
		return 1;
	}

	/* The documented probe: argsz 0 allocates nothing */
	ret = ioctl(dev, VFIO_DEVICE_GET_REGION_MMAP, &probe) ? -errno : 0;
	if (ret == -ENOTTY) {
		printf("  probe           VFIO_DEVICE_GET_REGION_MMAP: ENOTTY, an older kernel\n");
		printf("  fallback        default mapping at the REGION_INFO offset (non-cached), no WC\n");
		wc_req.mmap_offset = nc_req.mmap_offset = info.offset;
		wc_what = "default mapping";
	} else {
		printf("  probe           VFIO_DEVICE_GET_REGION_MMAP supported (argsz 0 -> %s)\n",
		       strerror(-ret));
		ret = get_cookie(dev, bar, VFIO_REGION_MMAP_WC, &wc_req);
		if (ret) {
			printf("  WC request      refused: %s; falling back to NC\n",
			       strerror(-ret));
			wc_what = "NC cookie #1";
			if (get_cookie(dev, bar, VFIO_REGION_MMAP_NC, &wc_req))
				die("VFIO_DEVICE_GET_REGION_MMAP(NC)");
		}
		if (get_cookie(dev, bar, VFIO_REGION_MMAP_NC, &nc_req))
			die("VFIO_DEVICE_GET_REGION_MMAP(NC)");
		printf("  %-15s mmap offset 0x%llx, size %llu KiB\n",
		       ret ? "NC cookie #1" : "WC cookie",
		       (unsigned long long)wc_req.mmap_offset,
		       (unsigned long long)wc_req.size >> 10);
		printf("  %-15s mmap offset 0x%llx, size %llu KiB (same BAR range)\n",
		       ret ? "NC cookie #2" : "NC cookie",
		       (unsigned long long)nc_req.mmap_offset,
		       (unsigned long long)nc_req.size >> 10);
	}

	wc = mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, dev,
		  wc_req.mmap_offset);
	nc = mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, dev,
		  nc_req.mmap_offset);
	if (wc == MAP_FAILED || nc == MAP_FAILED)
		die("mmap");

	/* Fill the push area descriptor by descriptor, then one barrier */
	for (i = 0; i < MAP_LEN / DESC_LEN; i++) {
		for (j = 0; j < DESC_LEN; j++)
			desc[j] = (unsigned char)(i * 7 + j);
		memcpy(wc + i * DESC_LEN, desc, DESC_LEN);
	}
	wc_flush();

	for (i = 0; i < MAP_LEN / DESC_LEN; i++) {
		unsigned char back[DESC_LEN];

		for (j = 0; j < DESC_LEN; j++)
			desc[j] = (unsigned char)(i * 7 + j);
		if (memcmp(nc + i * DESC_LEN, desc, DESC_LEN))
			bad++;
		if (pread(dev, back, DESC_LEN, info.offset + i * DESC_LEN) != DESC_LEN ||
		    memcmp(back, desc, DESC_LEN))
			bad++;
	}
	printf("  data            %d descriptors of %d bytes written through the %s + %s,\n"
	       "                  read back through the NC mapping and pread(): %s\n",
	       MAP_LEN / DESC_LEN, DESC_LEN, wc_what,
#if defined(__x86_64__) || defined(__i386__)
	       "sfence",
#else
	       "dsb st",
#endif
	       bad ? "MISMATCH" : "all equal");

	printf("  memory type     (from the page tables)\n");
	printf("    %-22s %s\n", wc_what, pte_type(wc, line, sizeof(line)));
	printf("    %-22s %s\n", "NC mapping", pte_type(nc, line, sizeof(line)));
	if (!access(PATLIST, R_OK)) {
		printf("  PAT reservations of the range (%s):\n", PATLIST);
		pat_lines(phys, MAP_LEN);
	}

	munmap(wc, MAP_LEN);
	munmap(nc, MAP_LEN);
	close(dev);
	return bad ? 1 : 0;
}
