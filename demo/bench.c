// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: the cost of the mmap cookie path next to vfio's default path.
 *
 *   bench <BDF> [BAR]
 *
 * Prints "BENCH <key> <value>" lines for the host (scripts/bench.sh):
 *  1. whole cycle, cookie vs default: get the offset (GET_REGION_MMAP vs
 *     GET_REGION_INFO), mmap, touch every page, munmap; 4 KiB and the
 *     whole BAR; median of interleaved batches (an identical request gets
 *     the same cookie: after the first, GET_REGION_MMAP is a lookup);
 *  2. latency of a new cookie (GET_REGION_MMAP + mmap + munmap + release)
 *     with 1, 1000 and 65000 live cookies on one device, and slab memory
 *     per live cookie;
 *  3. faults taken to touch the whole BAR through a cookie and through the
 *     default offset (PMD/PUD huge faults keep the count low), and the time.
 *
 * TCG does not model caches: only ratios measured in one run mean anything,
 * and WC-vs-UC bandwidth is not measured at all.
 */
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <sys/mman.h>
#include <sys/resource.h>

#include "vfio-cdev.h"

#define REPS		7
#define SMALL_BATCH	64
#define LARGE_BATCH	2
#define SCALE_OPS	200
#define HUGE_ALIGN	(1UL << 30)

static const char *bdf;
static int bar = 2;
static struct vfio_region_info info = { .argsz = sizeof(info) };
static uint32_t attr = VFIO_REGION_MMAP_NC;
static uint32_t wc_attr = VFIO_REGION_MMAP_WC;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

static int dev_open(void)
{
	int dev = open_cdev(bdf);

	bind_iommufd(dev);
	/*
	 * The kernel raises argsz to what the capability chain needs; this
	 * buffer has no room for the chain, so ask without it every time
	 */
	info.argsz = sizeof(info);
	info.index = VFIO_PCI_BAR0_REGION_INDEX + bar;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &info))
		die("VFIO_DEVICE_GET_REGION_INFO");
	return dev;
}

/* A cookie for [@off, @off + @len) of the BAR */
static void get_cookie(int dev, uint64_t off, size_t len,
		       struct vfio_region_mmap *req)
{
	*req = (struct vfio_region_mmap) {
		.argsz = sizeof(*req),
		.flags = attr,
		.index = VFIO_PCI_BAR0_REGION_INDEX + bar,
		.offset = off,
		.size = len,
	};
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_MMAP, req))
		die("VFIO_DEVICE_GET_REGION_MMAP");
}

static void release_cookie(int dev, struct vfio_region_mmap *req)
{
	req->flags |= VFIO_REGION_MMAP_RELEASE;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_MMAP, req))
		die("VFIO_DEVICE_GET_REGION_MMAP(RELEASE)");
}

/* The mmap offset of [0, len) of the BAR, the way each path gets it */
static uint64_t get_offset(int dev, bool cookie, size_t len)
{
	struct vfio_region_info ri = { .argsz = sizeof(ri) };
	struct vfio_region_mmap req;

	if (cookie) {
		get_cookie(dev, 0, len, &req);
		return req.mmap_offset;
	}
	ri.index = VFIO_PCI_BAR0_REGION_INDEX + bar;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri))
		die("VFIO_DEVICE_GET_REGION_INFO");
	return ri.offset;
}

/* mmap at an address aligned for huge faults, as QEMU and libvfio do */
static void *map_aligned(int dev, size_t len, uint64_t offset)
{
	size_t align = len >= HUGE_ALIGN ? HUGE_ALIGN : 2UL << 20;
	uint8_t *base, *p;

	if (len < align) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, dev,
			 offset);
		if (p == MAP_FAILED)
			die("mmap");
		return p;
	}

	base = mmap(NULL, len + align, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		die("mmap reserve");
	p = (uint8_t *)(((uintptr_t)base + align - 1) & ~(align - 1));
	if (mmap(p, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, dev,
		 offset) == MAP_FAILED)
		die("mmap");
	if (p > base)
		munmap(base, p - base);
	munmap(p + len, base + align - p);
	return p;
}

static void touch(volatile uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i += 4096)
		p[i] = (uint8_t)i;
}

/* A cookie requested, mapped, touched, unmapped and released, @n times */
static double release_batch(int dev, size_t len, int n)
{
	struct vfio_region_mmap req;
	double t0 = now_ns();
	void *p;
	int i;

	for (i = 0; i < n; i++) {
		get_cookie(dev, 0, len, &req);
		p = map_aligned(dev, len, req.mmap_offset);
		touch(p, len);
		munmap(p, len);
		release_cookie(dev, &req);
	}
	return (now_ns() - t0) / n;
}

static double cycle_batch(int dev, bool cookie, size_t len, int n,
			  bool reuse)
{
	uint64_t off = reuse ? get_offset(dev, cookie, len) : 0;
	double t0 = now_ns();
	void *p;
	int i;

	for (i = 0; i < n; i++) {
		p = map_aligned(dev, len, reuse ? off : get_offset(dev, cookie, len));
		touch(p, len);
		munmap(p, len);
	}
	return (now_ns() - t0) / n;
}

/*
 * 1. whole cycle, interleaved so that drift hits both paths alike; with
 * @reuse the offset is got once and only mmap, touch, munmap repeat (a
 * driver that keeps its cookie, a secondary process re-mapping it)
 */
static void bench_cycle(int dev, const char *name, size_t len, int n,
			bool reuse)
{
	double def[REPS], ck[REPS], d, c;
	int r;

	cycle_batch(dev, false, len, 1, reuse);
	cycle_batch(dev, true, len, 1, reuse);
	for (r = 0; r < REPS; r++) {
		def[r] = cycle_batch(dev, false, len, n, reuse);
		ck[r] = cycle_batch(dev, true, len, n, reuse);
	}
	d = median(def, REPS);
	c = median(ck, REPS);
	printf("BENCH cycle_%s_default_us %.1f\n", name, d / 1e3);
	printf("BENCH cycle_%s_cookie_us %.1f\n", name, c / 1e3);
	printf("BENCH cycle_%s_ratio %.3f\n", name, c / d);
}

/*
 * 1b. a cookie released after every use and asked for again, against the
 * default offset's cycle
 */
static void bench_release(int dev, size_t len, int n)
{
	double def[REPS], rel[REPS], d, c;
	int r;

	cycle_batch(dev, false, len, 1, false);
	release_batch(dev, len, 1);
	for (r = 0; r < REPS; r++) {
		def[r] = cycle_batch(dev, false, len, n, false);
		rel[r] = release_batch(dev, len, n);
	}
	d = median(def, REPS);
	c = median(rel, REPS);
	printf("BENCH cycle_4k_release_default_us %.1f\n", d / 1e3);
	printf("BENCH cycle_4k_release_cookie_us %.1f\n", c / 1e3);
	printf("BENCH cycle_4k_release_ratio %.3f\n", c / d);
}

static long slab_kb(void);

/* 1c. slab growth over 100000 identical requests: one cookie, looked up */
static void bench_repeat(int dev)
{
	struct vfio_region_mmap req;
	long before;
	int i;

	get_cookie(dev, 0, 4096, &req);
	before = slab_kb();
	for (i = 0; i < 100000; i++)
		get_cookie(dev, 0, 4096, &req);
	printf("BENCH repeat_100000_slab_kb %ld\n", slab_kb() - before);
}

static long slab_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/*
 * 2. latency of one more cookie with @live cookies on the device: distinct
 * requests (a page each), since identical ones share a cookie; the new one
 * is released again, so @live stays
 */
static double scale_at(int live, long *slab_delta)
{
	struct vfio_region_mmap req;
	double t[SCALE_OPS], t0;
	long before;
	int dev, i;
	void *p;

	dev = dev_open();
	if ((uint64_t)(live + SCALE_OPS) * 4096 > info.size) {
		fprintf(stderr, "bench: BAR%d too small for %d cookies\n", bar,
			live + SCALE_OPS);
		exit(1);
	}
	before = slab_kb();
	for (i = 1; i < live; i++)
		get_cookie(dev, (uint64_t)i * 4096, 4096, &req);
	*slab_delta = slab_kb() - before;
	for (i = 0; i < SCALE_OPS; i++) {
		t0 = now_ns();
		get_cookie(dev, (uint64_t)(live + i) * 4096, 4096, &req);
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, dev,
			 req.mmap_offset);
		if (p == MAP_FAILED)
			die("mmap");
		munmap(p, 4096);
		release_cookie(dev, &req);
		t[i] = now_ns() - t0;
	}
	close(dev);	/* last close: every cookie goes */
	return median(t, SCALE_OPS);
}

static void bench_scale(void)
{
	static const int lives[] = { 1, 1000, 65000 };
	double base = 0, t;
	long slab;
	int i;

	for (i = 0; i < 3; i++) {
		t = scale_at(lives[i], &slab);
		if (!i)
			base = t;
		printf("BENCH scale_%d_us %.2f\n", lives[i], t / 1e3);
		printf("BENCH scale_%d_growth %.3f\n", lives[i], t / base);
		if (lives[i] > 1)
			printf("BENCH slab_bytes_per_cookie_%d %.0f\n", lives[i],
			       slab * 1024.0 / (lives[i] - 1));
	}
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/*
 * 3. faults and time to touch the whole BAR once, default offset first, then
 * a WC cookie (on x86 a WC range refuses NC mappings until the last close,
 * so the two cannot interleave)
 */
static void bench_huge(void)
{
	double t[2][REPS];
	long faults[2] = { 0, 0 }, f0;
	int r, k, dev = dev_open();
	size_t len = info.size;
	void *p;

	for (k = 0; k < 2; k++) {
		attr = k ? wc_attr : VFIO_REGION_MMAP_NC;
		for (r = 0; r < REPS; r++) {
			p = map_aligned(dev, len, get_offset(dev, k, len));
			f0 = minflt();
			t[k][r] = now_ns();
			touch(p, len);
			t[k][r] = now_ns() - t[k][r];
			faults[k] = minflt() - f0;
			munmap(p, len);
		}
	}
	close(dev);
	printf("BENCH huge_attr %s\n", wc_attr == VFIO_REGION_MMAP_WC ? "WC" : "NC");
	printf("BENCH huge_bar_mib %zu\n", len >> 20);
	printf("BENCH huge_faults_default %ld\n", faults[0]);
	printf("BENCH huge_faults_cookie %ld\n", faults[1]);
	printf("BENCH huge_touch_ratio %.3f\n", median(t[1], REPS) / median(t[0], REPS));
}

int main(int argc, char **argv)
{
	uint32_t attrs;
	int dev;

	if (argc < 2) {
		fprintf(stderr, "usage: bench <BDF> [BAR]\n");
		return 2;
	}
	bdf = argv[1];
	if (argc > 2)
		bar = atoi(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	verbose = 0;

	dev = dev_open();
	attrs = mmap_attrs(dev, VFIO_PCI_BAR0_REGION_INDEX + bar);
	if (!attrs) {
		fprintf(stderr, "bench: no mmap cookies for BAR%d\n", bar);
		return 1;
	}
	if (!(attrs & VFIO_REGION_MMAP_WC))
		wc_attr = VFIO_REGION_MMAP_NC;	/* no WC here */
	close(dev);

	/* The cookie machinery, with NC cookies (the attribute is a flag) */
	dev = dev_open();
	printf("BENCH attr NC\n");
	printf("BENCH bar_mib %llu\n", (unsigned long long)info.size >> 20);
	bench_cycle(dev, "4k", 4096, SMALL_BATCH, false);
	bench_cycle(dev, "4k_reuse", 4096, SMALL_BATCH, true);
	bench_cycle(dev, "bar", info.size, LARGE_BATCH, false);
	bench_release(dev, 4096, SMALL_BATCH);
	bench_repeat(dev);
	close(dev);
	bench_scale();
	bench_huge();
	return 0;
}
