/* test_addrmap.c - fitting 64-bit page numbers into the 32-bit space, per
 * the rule in include/addrmap.h: low pages map to themselves; each 4 MiB
 * region above 4 GiB borrows a page-directory slot from 1023 down, skipping
 * slots low addresses use; distinct pages never merge. */
#include "helpers.h"

/* 4 KiB pages: a region is 1024 pages; page 2^20 is address 4 GiB. */
#define HIGH(region_above, offset) (((uint64_t)(1024 + (region_above)) << 10) | (offset))

static uint32_t map_ok(struct addrmap *m, uint64_t page)
{
	uint32_t vpn = UINT32_MAX;
	enum addrmap_status st = addrmap_page(m, page, &vpn);

	cr_assert_eq(st, ADDRMAP_OK, "page 0x%llx: %s", (unsigned long long)page,
		     addrmap_strerror(st));
	return vpn;
}

Test(addrmap, maps_low_pages_to_themselves)
{
	static const uint64_t pages[] = { 0, 1, 0x493f, 0x3ff, 0x400, 0x7fffe, 0xffbff, 0xfffff };
	struct addrmap m;

	addrmap_init(&m, 12, false);
	for (size_t i = 0; i < ARRAY_LEN(pages); i++) {
		cr_expect_eq(map_ok(&m, pages[i]), pages[i]);
		cr_expect_eq(map_ok(&m, pages[i]), pages[i], "again");
		cr_expect_eq(addrmap_unmap(&m, (uint32_t)pages[i]), pages[i]);
	}
	cr_expect_eq(m.lent, 0);
}

Test(addrmap, lends_slots_from_1023_downwards_to_high_regions)
{
	struct addrmap m;
	uint64_t region;

	addrmap_init(&m, 12, false);
	cr_expect_eq(map_ok(&m, HIGH(0, 0)), 1023u << 10);
	cr_expect_eq(map_ok(&m, HIGH(0, 5)), (1023u << 10) | 5, "same region, same slot");
	cr_expect_eq(map_ok(&m, HIGH(7, 0x3ff)), (1022u << 10) | 0x3ff);
	cr_expect_eq(map_ok(&m, UINT64_C(0x1ffefff)), (1021u << 10) | 0x3ff, "the amd64 stack");
	cr_expect_eq(map_ok(&m, HIGH(0, 9)), (1023u << 10) | 9, "an earlier region keeps its slot");
	cr_expect_eq(map_ok(&m, HIGH(7, 1)), (1022u << 10) | 1);
	cr_expect_eq(m.lent, 3);
	cr_expect(addrmap_slot_region(&m, 1022, &region));
	cr_expect_eq(region, HIGH(7, 0) >> 10);
	cr_expect(addrmap_slot_region(&m, 1021, &region));
	cr_expect_eq(region, UINT64_C(0x1ffefff000) >> 22);
	cr_expect_not(addrmap_slot_region(&m, 1020, &region), "slot 1020 is not lent");
	cr_expect_not(addrmap_slot_region(&m, 0, &region));
	cr_expect_not(addrmap_slot_region(&m, 5000, &region));
}

Test(addrmap, skips_slots_that_low_addresses_already_use)
{
	struct addrmap m;

	addrmap_init(&m, 12, false);
	map_ok(&m, 1023u << 10);        /* slot 1023 is low */
	map_ok(&m, (1021u << 10) + 17); /* slot 1021 is low */
	cr_expect_eq(map_ok(&m, HIGH(0, 0)), 1022u << 10);
	cr_expect_eq(map_ok(&m, HIGH(1, 0)), 1020u << 10);
	cr_expect_eq(map_ok(&m, (1023u << 10) + 1), (1023u << 10) + 1, "low slot stays low");
}

Test(addrmap, reports_a_collision_when_a_low_page_lands_in_a_lent_slot)
{
	struct addrmap m;
	uint32_t vpn;

	addrmap_init(&m, 12, false);
	map_ok(&m, HIGH(0, 0)); /* slot 1023 lent */
	cr_expect_eq(addrmap_page(&m, 1023u << 10, &vpn), ADDRMAP_COLLISION);
	cr_expect_eq(addrmap_page(&m, 0xfffff, &vpn), ADDRMAP_COLLISION);
	cr_expect_eq(map_ok(&m, 0xffbff), 0xffbff, "slot 1022 is still free for low pages");
	cr_expect_eq(map_ok(&m, HIGH(1, 0)), 1021u << 10, "1022 is low now");
	cr_expect_eq(map_ok(&m, HIGH(0, 3)), (1023u << 10) | 3, "the lent slot still works");
}

Test(addrmap, reports_full_when_every_slot_is_taken)
{
	struct addrmap m;
	uint32_t vpn;

	addrmap_init(&m, 12, false);
	for (uint64_t r = 0; r < ADDRMAP_SLOTS; r++)
		cr_assert_eq(map_ok(&m, HIGH(r * 3, 1)), ((1023u - (uint32_t)r) << 10) | 1);
	cr_expect_eq(addrmap_page(&m, HIGH(5000, 0), &vpn), ADDRMAP_FULL);
	cr_expect_eq(map_ok(&m, HIGH(3, 2)), (1022u << 10) | 2, "known regions still map");
	cr_expect_eq(addrmap_page(&m, 5, &vpn), ADDRMAP_COLLISION, "no slot is left for low pages");

	/* With one low slot in use only 1023 regions fit. */
	addrmap_init(&m, 12, false);
	map_ok(&m, 7);
	for (uint64_t r = 0; r < ADDRMAP_SLOTS - 1; r++)
		cr_assert_eq(map_ok(&m, HIGH(r, 0)), (1023u - (uint32_t)r) << 10);
	cr_expect_eq(addrmap_page(&m, HIGH(ADDRMAP_SLOTS, 0), &vpn), ADDRMAP_FULL);
}

Test(addrmap, reject_high_refuses_pages_at_or_above_4_gib)
{
	struct addrmap m;
	uint32_t vpn;

	addrmap_init(&m, 12, true);
	cr_expect_eq(map_ok(&m, 0xfffff), 0xfffff);
	cr_expect_eq(addrmap_page(&m, 0x100000, &vpn), ADDRMAP_HIGH_REJECTED);
	cr_expect_eq(addrmap_page(&m, UINT64_MAX, &vpn), ADDRMAP_HIGH_REJECTED);
}

Test(addrmap, works_on_page_numbers_of_every_page_size)
{
	struct addrmap m;

	/* 4 MiB pages: one page per region, 1024 low pages. */
	addrmap_init(&m, 22, false);
	cr_expect_eq(map_ok(&m, 1023), 1023);
	cr_expect_eq(map_ok(&m, 1024), 1022);
	cr_expect_eq(map_ok(&m, 0x7ffb), 1021);
	cr_expect_eq(addrmap_unmap(&m, 1021), 0x7ffb);

	/* 1 KiB pages: 4096 pages per region, 2^22 low pages. */
	addrmap_init(&m, 10, false);
	cr_expect_eq(map_ok(&m, (1u << 22) - 1), (1u << 22) - 1);
	cr_expect_eq(map_ok(&m, UINT64_C(0x1ffefff000) >> 10), (1022u << 12) | 0xffc);
	cr_expect_eq(addrmap_unmap(&m, (1022u << 12) | 0xffc), UINT64_C(0x1ffefff000) >> 10);
}

Test(addrmap, handles_the_largest_page_numbers)
{
	struct addrmap m;
	uint32_t a, b;

	addrmap_init(&m, 12, false);
	a = map_ok(&m, UINT64_MAX);
	b = map_ok(&m, UINT64_MAX - 1024);
	cr_expect_eq(a, (1023u << 10) | 0x3ff);
	cr_expect_eq(b, (1022u << 10) | 0x3ff);
	cr_expect_eq(addrmap_unmap(&m, a), UINT64_MAX);
	cr_expect_eq(addrmap_unmap(&m, b), UINT64_MAX - 1024);
}

Test(addrmap, gives_every_status_a_message)
{
	static const enum addrmap_status all[] = { ADDRMAP_OK, ADDRMAP_HIGH_REJECTED,
						   ADDRMAP_COLLISION, ADDRMAP_FULL };

	for (size_t i = 0; i < ARRAY_LEN(all); i++) {
		const char *msg = addrmap_strerror(all[i]);
		cr_expect(msg && *msg, "status %d", (int)all[i]);
		for (size_t j = 0; j < i; j++)
			cr_expect_str_neq(msg, addrmap_strerror(all[j]));
	}
}

/* --- random: distinct pages never merge, unmap inverts ------------------- */

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Low pages in slots 0..499, high pages from at most 500 regions: they can
 * never collide, so every page must map, injectively and consistently. */
static void check_random(unsigned shift, uint64_t seed)
{
	enum { N = 20000, REGIONS = 500 };
	unsigned rshift = 22 - shift;
	uint64_t s = seed;
	uint64_t *regions = malloc(sizeof(uint64_t) * REGIONS);
	uint64_t *pages = malloc(sizeof(uint64_t) * N);
	uint32_t *vpns = malloc(sizeof(uint32_t) * N);
	uint64_t *pairs = malloc(sizeof(uint64_t) * N);
	struct addrmap *m = malloc(sizeof(*m));

	cr_assert(regions && pages && vpns && pairs && m);
	for (size_t i = 0; i < REGIONS; i++) {
		uint64_t bits = 1 + splitmix(&s) % 40; /* regions spread over many scales */
		uint64_t r = splitmix(&s) >> (64 - bits);
		regions[i] = r < 1024 ? 1024 : r;
		if (regions[i] > (UINT64_MAX >> shift) >> rshift)
			regions[i] = 1024 + i;
	}
	addrmap_init(m, shift, false);
	for (size_t i = 0; i < N; i++) {
		uint64_t off = splitmix(&s) & ((UINT64_C(1) << rshift) - 1);
		if (splitmix(&s) % 3 == 0)
			pages[i] = ((splitmix(&s) % 500) << rshift) | off;
		else
			pages[i] = (regions[splitmix(&s) % REGIONS] << rshift) | off;
		vpns[i] = map_ok(m, pages[i]);
		cr_assert_lt(vpns[i], vpn_space(shift), "vpn inside the 32-bit space");
		if (pages[i] < vpn_space(shift))
			cr_assert_eq(vpns[i], pages[i], "low pages map to themselves");
	}
	/* The same page always maps to the same vpn, and unmap inverts. */
	for (size_t i = 0; i < N; i++) {
		cr_assert_eq(map_ok(m, pages[i]), vpns[i]);
		cr_assert_eq(addrmap_unmap(m, vpns[i]), pages[i], "page 0x%llx -> 0x%x -> 0x%llx",
			     (unsigned long long)pages[i], vpns[i],
			     (unsigned long long)addrmap_unmap(m, vpns[i]));
	}
	/* Injective: sort (vpn, page) pairs by vpn; equal vpns need equal pages. */
	for (size_t i = 0; i < N; i++)
		pairs[i] = (uint64_t)vpns[i] << 32 | i;
	qsort(pairs, N, sizeof(uint64_t), cmp_u64);
	for (size_t i = 1; i < N; i++) {
		if ((pairs[i] >> 32) == (pairs[i - 1] >> 32))
			cr_assert_eq(pages[(uint32_t)pairs[i]], pages[(uint32_t)pairs[i - 1]],
				     "pages 0x%llx and 0x%llx merged into vpn 0x%llx",
				     (unsigned long long)pages[(uint32_t)pairs[i]],
				     (unsigned long long)pages[(uint32_t)pairs[i - 1]],
				     (unsigned long long)(pairs[i] >> 32));
	}
	free(regions);
	free(pages);
	free(vpns);
	free(pairs);
	free(m);
}

Test(addrmap, never_merges_distinct_pages_on_random_input)
{
	static const unsigned shifts[] = { 10, 12, 16, 22 };

	for (size_t i = 0; i < ARRAY_LEN(shifts); i++)
		for (uint64_t seed = 1; seed <= 3; seed++)
			check_random(shifts[i], seed * 7 + shifts[i]);
}

Test(addrmap, region_cache_never_answers_for_a_region_it_has_not_seen)
{
	struct addrmap m;

	/* With 4 MiB pages a page number is a region number, and any 64-bit
	 * value can be one: none may hit an empty cache entry. */
	addrmap_init(&m, 22, false);
	cr_expect_eq(map_ok(&m, UINT64_MAX), 1023u);
	cr_expect_eq(map_ok(&m, 0), 0u);
	cr_expect_eq(map_ok(&m, 1), 1u);
	cr_expect_eq(map_ok(&m, UINT64_MAX - 1), 1022u);
	cr_expect_eq(map_ok(&m, UINT64_MAX), 1023u, "again, from the cache");
	cr_expect_eq(map_ok(&m, UINT64_MAX - 64), 1021u, "same cache entry, another region");
	cr_expect_eq(map_ok(&m, UINT64_MAX), 1023u, "after its entry was taken");
}
