// SPDX-License-Identifier: GPL-2.0-only
/*
 * wc-client: what a DPDK-style userspace driver does to get a
 * write-combining mapping of a PCI BAR from vfio-pci.
 *
 *   wc-client <BDF> [BAR]
 *
 * Opens the device through its vfio cdev and iommufd, finds the BAR with
 * VFIO_DEVICE_GET_REGION_INFO and the attributes its
 * VFIO_REGION_INFO_CAP_MMAP_ATTRS capability offers, asks
 * VFIO_DEVICE_GET_REGION_MMAP for a WC cookie of a descriptor push area and
 * an NC cookie of the doorbell page after it, writes descriptors through
 * WC, issues the barrier a real driver needs, rings the doorbell through
 * NC, reads everything back through the mappings and pread(), prints the
 * memory type of each mapping as the page tables hold it (x86: PAT bits of
 * the PTE; arm64: the MAIR attribute, where the kernel dumps user page
 * tables), and releases its cookies; once the WC one is unmapped too, the
 * push area is back to the default type, and maps at its REGION_INFO
 * offset again.  On a kernel without the capability it falls back to the
 * default REGION_INFO mapping, like a driver must.
 *
 * Part of the vfio-wc project's demo, not of the kernel series.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
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

#define PUSH_LEN	(256 * 1024)	/* a TX descriptor push area, WC */
#define DB_LEN		4096		/* the doorbell page after it, NC */
#define DESC_LEN	64		/* one descriptor: one WC burst */

#define PTDUMP	"/sys/kernel/debug/page_tables/current_kernel"
#define PTDUMP_ARM64	"/sys/kernel/debug/current_user_page_tables"
#define PATLIST	"/sys/kernel/debug/x86/pat_memtype_list"

/* What a driver uses after filling a WC buffer, before ringing a doorbell */
#if defined(__x86_64__) || defined(__i386__)
#define WC_FLUSH "sfence"
#elif defined(__aarch64__)
#define WC_FLUSH "dsb st"
#endif

static inline void wc_flush(void)
{
#ifdef WC_FLUSH
	__asm__ __volatile__(WC_FLUSH ::: "memory");
#else
#define WC_FLUSH "full barrier"
	__sync_synchronize();
#endif
}

/*
 * The memory type of the PTE that maps @p, from the page table dump.  x86:
 * Linux programs PAT so that PWT alone is WC and PCD alone is UC-.  arm64:
 * the dump names the MAIR attribute.
 */
static const char *pte_type(void *p, char *line, size_t len)
{
	unsigned long addr = (unsigned long)p, start, end;
	const char *type = NULL;
	FILE *f = fopen(PTDUMP, "r");
	bool arm64 = false;

	if (!f) {
		f = fopen(PTDUMP_ARM64, "r");
		arm64 = true;
	}
	if (!f)
		return "not readable here (no user page table dump)";
	while (fgets(line, len, f)) {
		if (sscanf(line, "0x%lx-0x%lx", &start, &end) != 2 ||
		    addr < start || addr >= end)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (arm64 && strstr(line, " MEM/NORMAL-NC"))
			type = "WC  (PTE: MEM/NORMAL-NC, Normal non-cacheable)";
		else if (arm64 && strstr(line, " DEVICE/nGnRnE"))
			type = "NC  (PTE: DEVICE/nGnRnE)";
		else if (arm64)
			type = line;
		else if (strstr(line, " PWT") && !strstr(line, " PCD"))
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

static int get_cookie(int dev, int bar, uint32_t flags, uint64_t offset,
		      uint64_t size, struct vfio_region_mmap *req)
{
	*req = (struct vfio_region_mmap) {
		.argsz = sizeof(*req),
		.flags = flags,
		.index = VFIO_PCI_BAR0_REGION_INDEX + bar,
		.offset = offset,
		.size = size,
	};
	return ioctl(dev, VFIO_DEVICE_GET_REGION_MMAP, req) ? -errno : 0;
}

/* Release the cookie a request returned in @req */
static int release_cookie(int dev, const struct vfio_region_mmap *req)
{
	struct vfio_region_mmap rel = *req;

	rel.flags |= VFIO_REGION_MMAP_RELEASE;
	return ioctl(dev, VFIO_DEVICE_GET_REGION_MMAP, &rel) ? -errno : 0;
}

static void *map(int dev, uint64_t offset, size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, dev,
		       offset);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

static void fill(unsigned char *desc, size_t i)
{
	size_t j;

	for (j = 0; j < DESC_LEN; j++)
		desc[j] = (unsigned char)(i * 7 + j);
}

int main(int argc, char **argv)
{
	struct vfio_region_info info = { .argsz = sizeof(info) };
	struct vfio_region_mmap wc_req, nc_req;
	const char *bdf = argc > 1 ? argv[1] : NULL;
	int bar = argc > 2 ? atoi(argv[2]) : 2;
	const char *push_what = "WC cookie (push)", *db_what = "NC cookie (doorbell)";
	unsigned char desc[DESC_LEN], back[DESC_LEN];
	int dev, ret, bad = 0, n = PUSH_LEN / DESC_LEN;
	unsigned char *push, *base = NULL;
	volatile uint32_t *doorbell;
	unsigned long long phys;
	uint32_t tail = 0, attrs;
	char line[256];
	size_t i;

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
	if (!(info.flags & VFIO_REGION_INFO_FLAG_MMAP) ||
	    info.size < PUSH_LEN + DB_LEN) {
		fprintf(stderr, "wc-client: BAR%d cannot be mapped\n", bar);
		return 1;
	}
	printf("  layout          [0, %d KiB) descriptor push area, wanted WC;\n"
	       "                  [%d KiB, +4 KiB) doorbell page, NC\n",
	       PUSH_LEN >> 10, PUSH_LEN >> 10);

	/* What the region offers: no capability, no cookies */
	attrs = mmap_attrs(dev, info.index);
	if (!attrs) {
		printf("  capability      no VFIO_REGION_INFO_CAP_MMAP_ATTRS: no mmap cookies (an older kernel)\n");
		printf("  fallback        one default mapping at the REGION_INFO offset (non-cached), no WC\n");
		base = map(dev, info.offset, PUSH_LEN + DB_LEN);
		push = base;
		doorbell = (volatile uint32_t *)(base + PUSH_LEN);
		push_what = db_what = "default mapping";
	} else {
		printf("  capability      VFIO_REGION_INFO_CAP_MMAP_ATTRS:%s%s\n",
		       attrs & VFIO_REGION_MMAP_NC ? " NC" : "",
		       attrs & VFIO_REGION_MMAP_WC ? " WC" : "");
		ret = -EOPNOTSUPP;
		if (attrs & VFIO_REGION_MMAP_WC)
			ret = get_cookie(dev, bar, VFIO_REGION_MMAP_WC, 0, PUSH_LEN,
					 &wc_req);
		if (ret) {
			printf("  WC request      %s: %s; the push area falls back to NC\n",
			       attrs & VFIO_REGION_MMAP_WC ? "refused" : "not offered",
			       strerror(-ret));
			push_what = "NC cookie (push)";
			if (get_cookie(dev, bar, VFIO_REGION_MMAP_NC, 0, PUSH_LEN, &wc_req))
				die("VFIO_DEVICE_GET_REGION_MMAP(NC)");
		}
		if (get_cookie(dev, bar, VFIO_REGION_MMAP_NC, PUSH_LEN, DB_LEN, &nc_req))
			die("VFIO_DEVICE_GET_REGION_MMAP(NC)");
		printf("  %-15s mmap offset 0x%llx, %llu KiB at BAR offset 0\n",
		       ret ? "NC cookie" : "WC cookie",
		       (unsigned long long)wc_req.mmap_offset,
		       (unsigned long long)wc_req.size >> 10);
		printf("  %-15s mmap offset 0x%llx, %llu KiB at BAR offset %d KiB\n",
		       "NC cookie", (unsigned long long)nc_req.mmap_offset,
		       (unsigned long long)nc_req.size >> 10, PUSH_LEN >> 10);
		push = map(dev, wc_req.mmap_offset, PUSH_LEN);
		doorbell = map(dev, nc_req.mmap_offset, DB_LEN);
	}

	/* Push the descriptors, one barrier, then ring the doorbell */
	for (i = 0; i < (size_t)n; i++) {
		fill(desc, i);
		memcpy(push + i * DESC_LEN, desc, DESC_LEN);
		tail++;
	}
	wc_flush();
	*doorbell = tail;

	for (i = 0; i < (size_t)n; i++) {
		fill(desc, i);
		if (memcmp(push + i * DESC_LEN, desc, DESC_LEN))
			bad++;
		if (pread(dev, back, DESC_LEN, info.offset + i * DESC_LEN) != DESC_LEN ||
		    memcmp(back, desc, DESC_LEN))
			bad++;
	}
	if (pread(dev, back, 4, info.offset + PUSH_LEN) != 4 ||
	    memcmp(back, &tail, 4))
		bad++;
	printf("  data            %d descriptors of %d bytes through the %s, %s,\n"
	       "                  doorbell (tail %u) through the %s; read back through\n"
	       "                  the mappings and vfio's pread(): %s\n",
	       n, DESC_LEN, push_what, WC_FLUSH, tail, db_what,
	       bad ? "MISMATCH" : "all equal");

	printf("  memory type     (from the page tables)\n");
	printf("    %-22s %s\n", push_what, pte_type(push, line, sizeof(line)));
	printf("    %-22s %s\n", db_what, pte_type((void *)doorbell, line, sizeof(line)));
	if (!access(PATLIST, R_OK)) {
		printf("  PAT reservations of the BAR range (%s):\n", PATLIST);
		pat_lines(phys, PUSH_LEN + DB_LEN);
	}

	if (base) {
		munmap(base, PUSH_LEN + DB_LEN);
	} else {
		/*
		 * Done with the cookies: release them, which ends them for
		 * every process; the mappings work until they are unmapped
		 */
		ret = release_cookie(dev, &wc_req);
		printf("  release         %-22s %s\n", push_what,
		       ret ? strerror(-ret) : "ok");
		bad += !!ret;
		ret = release_cookie(dev, &nc_req);
		printf("  release         %-22s %s\n", db_what,
		       ret ? strerror(-ret) : "ok");
		bad += !!ret;
		ret = release_cookie(dev, &nc_req);
		printf("  release again   %-22s %s (expected: ENOENT)\n", db_what,
		       ret ? strerror(-ret) : "ok");
		bad += ret != -ENOENT;
		base = mmap(NULL, DB_LEN, PROT_READ, MAP_SHARED, dev,
			    nc_req.mmap_offset);
		printf("  after release   mmap of the doorbell cookie: %s; the old mapping: ",
		       base == MAP_FAILED ? strerror(errno) : "mapped (wrong)");
		bad += base != MAP_FAILED;
		if (pread(dev, back, 4, info.offset + PUSH_LEN) != 4 ||
		    memcmp(back, (void *)doorbell, 4)) {
			printf("MISMATCH\n");
			bad++;
		} else {
			printf("still reads the tail\n");
		}
		munmap(push, PUSH_LEN);
		munmap((void *)doorbell, DB_LEN);

		/*
		 * Released and unmapped, the WC cookie holds its range no
		 * more: it is back to the default type, for everyone
		 */
		base = mmap(NULL, PUSH_LEN, PROT_READ, MAP_SHARED, dev,
			    info.offset);
		printf("  after munmap    the push area at its REGION_INFO offset: %s\n",
		       base == MAP_FAILED ? strerror(errno) : "mapped");
		if (base != MAP_FAILED) {
			(void)*(volatile uint32_t *)base;
			printf("    %-22s %s\n", "default mapping",
			       pte_type(base, line, sizeof(line)));
			munmap(base, PUSH_LEN);
		} else {
			bad++;
		}
		if (!access(PATLIST, R_OK)) {
			printf("  PAT reservations of the BAR range now:\n");
			pat_lines(phys, PUSH_LEN + DB_LEN);
		}
	}
	close(dev);
	return bad ? 1 : 0;
}
