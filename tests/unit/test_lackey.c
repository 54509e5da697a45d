/* test_lackey.c - the lackey reader (`valgrind --tool=lackey --trace-mem=yes`),
 * through trace_open(), trace_next() and trace_close() on temporary files. */
#include "helpers.h"

static uint32_t ref_of(uint32_t vpn, enum ref_kind kind)
{
	return ref_make(vpn, kind);
}

static void expect_refs(const struct th_read *res, const uint32_t *want, size_t n)
{
	cr_assert_eq(res->rc, 0, "read failed with %d: %s", res->rc, res->err);
	cr_assert_eq(res->n, n, "%zu references, want %zu", res->n, n);
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(res->refs[i], want[i], "ref %zu: vpn 0x%x kind %d, want vpn 0x%x kind %d", i,
			     ref_vpn(res->refs[i]), (int)ref_kind(res->refs[i]), ref_vpn(want[i]),
			     (int)ref_kind(want[i]));
}

Test(lackey, parses_instruction_load_store_and_modify_records)
{
	const uint32_t want[] = {
		ref_of(0x493f, REF_FETCH), ref_of(0x493f, REF_READ), ref_of(0x1234, REF_WRITE),
		ref_of(0x5, REF_WRITE), ref_of(0xbeef, REF_READ),
	};
	struct th_read *res = th_read_text("I  0493f350,6\n"
					   " L 0493f358,8\n"
					   " S 01234000,4\n"
					   " M 00005ffc,4\n"
					   " L 0beef000,2\n",
					   "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_str_eq(res->format, "lackey");
	cr_expect_eq(res->sum.records, 5);
	cr_expect_eq(res->sum.references, 5);
	cr_expect_eq(res->sum.fetches, 1);
	cr_expect_eq(res->sum.reads, 2);
	cr_expect_eq(res->sum.writes, 2);
	cr_expect_eq(res->sum.lines, 5);
	cr_expect_eq(res->sum.stray_lines, 0);
	cr_expect_eq(res->sum.min_addr, 0x5ffc);
	cr_expect_eq(res->sum.max_addr, 0xbeef001);
	cr_expect_str_eq(res->err, "", "no message on a clean trace");
	th_read_free(res);
}

Test(lackey, counts_modify_as_one_reference_that_writes)
{
	const uint32_t want[] = { ref_of(1, REF_WRITE) };
	struct th_read *res = th_read_text(" M 00001000,8\n", "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.writes, 1);
	cr_expect_eq(res->sum.reads, 0);
	th_read_free(res);
}

Test(lackey, splits_page_crossing_accesses_into_one_reference_per_page_in_order)
{
	const uint32_t want[] = {
		ref_of(0, REF_READ),  ref_of(1, REF_READ),  /* 0xffe..0x1001 */
		ref_of(1, REF_WRITE), ref_of(2, REF_WRITE), ref_of(3, REF_WRITE), /* 8200 bytes */
		ref_of(4, REF_FETCH),                       /* 0x4ffc..0x4fff: no crossing */
		ref_of(5, REF_WRITE),                       /* exactly one page */
	};
	struct th_read *res = th_read_text(" L 00000ffe,4\n"
					   " S 00001ff0,8200\n"
					   "I  00004ffc,4\n"
					   " M 00005000,4096\n",
					   "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.records, 4);
	cr_expect_eq(res->sum.crossing, 2);
	th_read_free(res);
}

Test(lackey, first_page_only_keeps_the_page_of_the_start_address)
{
	const uint32_t want[] = { ref_of(0, REF_READ), ref_of(1, REF_WRITE), ref_of(4, REF_FETCH) };
	struct th_read *res = th_read_text(" L 00000ffe,4\n"
					   " S 00001ff0,8200\n"
					   "I  00004ffc,4\n",
					   "lackey", TH_OPT(.first_page_only = true));

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.references, 3);
	th_read_free(res);
}

Test(lackey, data_only_drops_instruction_fetches)
{
	const uint32_t want[] = { ref_of(2, REF_READ), ref_of(3, REF_WRITE) };
	struct th_read *res = th_read_text("I  00001000,4\n"
					   " L 00002000,4\n"
					   "I  00001004,4\n"
					   " S 00003000,4\n"
					   "I  00001ffe,4\n",
					   "auto", TH_OPT(.data_only = true));

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.fetches, 0);
	cr_expect_eq(res->sum.dropped_fetches, 3);
	th_read_free(res);
}

Test(lackey, skips_valgrinds_own_lines_silently)
{
	const uint32_t want[] = { ref_of(0x493f, REF_FETCH), ref_of(0x493f, REF_READ) };
	struct th_read *res = th_read_text("==12345== Lackey, an example Valgrind tool\n"
					   "==12345== Command: ./a.out\n"
					   "--12345-- warning: something\n"
					   "I  0493f350,6\n"
					   "**12345** internal error?\n"
					   "++12345++ more\n"
					   "\n"
					   " L 0493f358,8\n"
					   "==12345== \n",
					   "auto", TH_OPT(.strict = true));

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.stray_lines, 0);
	cr_expect_eq(res->sum.valgrind_lines, 6);
	cr_expect_str_eq(res->err, "", "valgrind lines are skipped silently");
	th_read_free(res);
}

Test(lackey, skips_and_counts_stray_program_output_with_one_warning)
{
	const uint32_t want[] = { ref_of(0x493f, REF_FETCH), ref_of(1, REF_READ) };
	struct th_read *res = th_read_text("total 9624\n"
					   "I  0493f350,6\n"
					   "hello, world\n"
					   " L 00001000,4\n"
					   "-rw-r--r-- 1 root root 0 file\n",
					   "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.stray_lines, 3);
	cr_expect_eq(res->sum.first_stray_line, 1);
	cr_expect_str_eq(res->sum.first_stray, "total 9624");
	cr_expect_eq(res->sum.lines, 5);
	cr_expect_not_null(strstr(res->err, "warning"), "one warning: %s", res->err);
	cr_expect_not_null(strstr(res->err, "total 9624"), "naming the first: %s", res->err);
	cr_expect_not_null(strstr(res->err, "3"), "and the count: %s", res->err);
	{
		/* one warning: a single line of output */
		const char *nl = strchr(res->err, '\n');
		cr_expect(nl && nl[1] == '\0', "exactly one message line: '%s'", res->err);
	}
	th_read_free(res);
}

Test(lackey, strict_makes_a_stray_line_an_error_naming_its_line)
{
	struct th_read *res = th_read_text("I  0493f350,6\n"
					   " L 00001000,4\n"
					   "total 9624\n"
					   " L 00001000,4\n",
					   "auto", TH_OPT(.strict = true));

	cr_expect_eq(res->rc, VT_DATAERR);
	cr_expect(th_err_names_line(res, 3), "%s", res->err);
	th_read_free(res);
}

Test(lackey, keeps_a_record_with_program_output_glued_to_its_front)
{
	const uint32_t want[] = { ref_of(0x493f, REF_FETCH), ref_of(0x1234, REF_READ),
				  ref_of(7, REF_WRITE), ref_of(8, REF_READ) };
	struct th_read *res = th_read_text("XYZI  0493f350,6\n"
					   "done L 01234008,4\n"
					   "12 S 00007000,4\n"
					   " L 00008000,4\n",
					   "lackey", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	/* trace.h: glued_lines counts records kept from behind program output. */
	cr_expect_eq(res->sum.glued_lines, 3);
	cr_expect_eq(res->sum.first_glued_line, 1);
	cr_expect_eq(res->sum.stray_lines, 0, "nothing was skipped");
	cr_expect_eq(res->sum.records, 4);
	cr_expect_not_null(strstr(res->err, "warning"), "the glued output is reported: %s", res->err);
	th_read_free(res);
}

Test(lackey, strict_makes_glued_program_output_an_error)
{
	struct th_read *res = th_read_text(" L 00001000,4\nXYZI  0493f350,6\n", "lackey",
					   TH_OPT(.strict = true));

	cr_expect_eq(res->rc, VT_DATAERR);
	cr_expect(th_err_names_line(res, 2), "%s", res->err);
	th_read_free(res);
}

Test(lackey, accepts_crlf_line_ends)
{
	const uint32_t want[] = { ref_of(0x493f, REF_FETCH), ref_of(1, REF_READ),
				  ref_of(2, REF_WRITE), ref_of(3, REF_WRITE) };
	struct th_read *res = th_read_text("==1== Lackey\r\n"
					   "I  0493f350,6\r\n"
					   " L 00001000,4\r\n"
					   " S 00002000,8\r\n"
					   "\r\n"
					   " M 00003000,1\r\n",
					   "auto", TH_OPT(.strict = true));

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.stray_lines, 0);
	th_read_free(res);
}

Test(lackey, accepts_a_last_record_without_a_newline)
{
	const uint32_t want[] = { ref_of(0x493f, REF_FETCH), ref_of(1, REF_READ) };
	struct th_read *res = th_read_text("I  0493f350,6\n L 00001000,4", "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.lines, 2);
	th_read_free(res);
}

/* --- 64-bit addresses ----------------------------------------------------- */

Test(lackey, maps_64_bit_addresses_without_merging_pages)
{
	/* 0x1ffefff000 and 0x2ffefff000 share their low 32 bits: truncation
	 * would merge them.  Region 0x7ffb takes slot 1023, region 0xbffb slot
	 * 1022; the page keeps its place inside the 4 MiB region. */
	static const uint64_t addrs[] = { 0x1ffefff000, 0x2ffefff000, 0x1ffefff008, 0x1ffec00000,
					  0x0493f350 };
	static const uint32_t vpns[] = { 0xfffff, 0xffbff, 0xfffff, 0xffc00, 0x493f };
	struct th_read *res = th_read_text(" L 1ffefff000,8\n"
					   " S 2ffefff000,8\n"
					   " L 1ffefff008,8\n"
					   "I  1ffec00000,4\n"
					   "I  0493f350,6\n",
					   "auto", TH_OPT());

	cr_assert_eq(res->rc, 0, "%s", res->err);
	cr_assert_eq(res->n, ARRAY_LEN(addrs));
	for (size_t i = 0; i < ARRAY_LEN(addrs); i++) {
		cr_expect_eq(ref_vpn(res->refs[i]), vpns[i], "0x%llx: vpn 0x%x, want 0x%x",
			     (unsigned long long)addrs[i], ref_vpn(res->refs[i]), vpns[i]);
		cr_expect_eq(addrmap_unmap(&res->map, ref_vpn(res->refs[i])), addrs[i] >> 12,
			     "unmap(0x%x) gives the page back", ref_vpn(res->refs[i]));
	}
	cr_expect_neq(ref_vpn(res->refs[0]), ref_vpn(res->refs[1]));
	cr_expect_eq(res->sum.max_addr, 0x2ffefff007);
	th_read_free(res);
}

Test(lackey, crossing_into_a_new_high_region_maps_both_pages)
{
	/* 0x1ffebffffe,4 touches the last page of region 0x7ffa and the first
	 * of region 0x7ffb: two regions, slots 1023 and 1022. */
	const uint32_t want[] = { ref_of(0xfffff, REF_READ), ref_of(0xff800, REF_READ) };
	struct th_read *res = th_read_text(" L 1ffebffffe,4\n", "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	th_read_free(res);
}

Test(lackey, reject_high_refuses_addresses_above_4_gib)
{
	struct th_read *res = th_read_text("I  0493f350,6\n L 1ffefff000,8\n", "auto",
					   TH_OPT(.reject_high = true));

	cr_expect_eq(res->rc, VT_DATAERR);
	cr_expect(th_err_names_line(res, 2), "%s", res->err);
	th_read_free(res);

	res = th_read_text(" L fffff000,4096\n", "auto", TH_OPT(.reject_high = true));
	cr_expect_eq(res->rc, 0, "the last low page is fine: %s", res->err);
	th_read_free(res);

	res = th_read_text(" L fffffffe,4\n", "auto", TH_OPT(.reject_high = true));
	cr_expect_eq(res->rc, VT_DATAERR, "an access running over 4 GiB touches a high page");
	th_read_free(res);
}

Test(lackey, stops_when_a_low_address_lands_in_a_lent_slot)
{
	struct th_read *res = th_read_text(" L 1ffefff000,8\n"
					   " L ffc00000,4\n",
					   "auto", TH_OPT());

	cr_expect_eq(res->rc, VT_DATAERR);
	cr_expect(th_err_names_line(res, 2), "%s", res->err);
	th_read_free(res);
}

/* --- malformed input and empty files -------------------------------------- */

struct bad_record {
	char line[48];
	char why[40];
};

ParameterizedTestParameters(lackey, rejects_malformed_records_with_65_naming_the_line)
{
	static struct bad_record cases[] = {
		{ "I  0493f350,abc", "a size that is not a number" },
		{ " L 0493f350,", "no size" },
		{ " L 0493f350,0", "size 0" },
		{ " S 0493f350,4x", "junk after the size" },
		{ " L 0493f350,99999", "a size beyond any access" },
		{ " L 10000000000000000,4", "17 hex digits: beyond 64 bits" },
		{ " L ffffffffffffffff,2", "an access past 2^64" },
	};
	return cr_make_param_array(struct bad_record, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct bad_record *tc, lackey, rejects_malformed_records_with_65_naming_the_line)
{
	char text[128];
	struct th_read *res;

	snprintf(text, sizeof(text), "I  0493f350,6\n L 00001000,4\n%s\n L 00001000,4\n", tc->line);
	res = th_read_text(text, "auto", TH_OPT());
	cr_expect_eq(res->rc, VT_DATAERR, "'%s' (%s): status %d", tc->line, tc->why, res->rc);
	cr_expect(th_err_names_line(res, 3), "'%s': message should name line 3: %s", tc->line,
		  res->err);
	th_read_free(res);
}

Test(lackey, rejects_a_file_without_records_with_65)
{
	static const char *const texts[] = {
		"",
		"==1== Lackey, an example Valgrind tool\n==1== Command: ls\n",
		"total 9624\nfoo\n",
		"\n\n",
	};

	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct th_read *res = th_read_text(texts[i], "lackey", TH_OPT());
		cr_expect_eq(res->rc, VT_DATAERR, "lackey on text %zu: %d", i, res->rc);
		cr_expect_eq(res->n, 0);
		th_read_free(res);
		res = th_read_text(texts[i], "auto", TH_OPT());
		cr_expect_eq(res->rc, VT_DATAERR, "auto on text %zu: %d", i, res->rc);
		th_read_free(res);
	}
}

/* --- format detection ------------------------------------------------------- */

struct detect_case {
	char text[64];
	char format[8];
};

ParameterizedTestParameters(detect, picks_lackey_or_seq_from_the_content)
{
	static struct detect_case cases[] = {
		{ "I  0493f350,6\n L 0493f358,8\n", "lackey" },
		{ " L 0493f358,8\n", "lackey" },
		{ "==7== Lackey\n==7== Command: ls\nI  0493f350,6\n", "lackey" },
		{ "total 9624\nI  0493f350,6\n", "lackey" },
		{ "1,2,3,4,1,2,5\n", "seq" },
		{ "1 2 3w\n0x1f\n", "seq" },
		{ "# a comment\n7 0 1 2\n", "seq" },
	};
	return cr_make_param_array(struct detect_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct detect_case *tc, detect, picks_lackey_or_seq_from_the_content)
{
	struct th_read *res = th_read_text(tc->text, "auto", TH_OPT());

	cr_expect_eq(res->rc, 0, "%s", res->err);
	cr_expect_str_eq(res->format, tc->format, "'%s' detected as %s", tc->text, res->format);
	th_read_free(res);
}

/* --- page sizes ------------------------------------------------------------- */

Test(lackey, honours_1_kib_pages)
{
	const uint32_t want[] = { ref_of(0, REF_READ), ref_of(1, REF_READ), ref_of(3, REF_WRITE),
				  ref_of(0x3ffffc, REF_READ) };
	/* 1 KiB: 0x3fe,4 crosses pages 0 and 1; 0xc00,1024 is page 3 alone.
	 * 0x1ffefff000 is page 0x7ffbffc, region 0x7ffb -> slot 1023: vpn
	 * 1023 << 12 | 0xffc. */
	struct th_read *res = th_read_text(" L 000003fe,4\n S 00000c00,1024\n L 1ffefff000,4\n",
					   "auto", TH_OPT_SHIFT(10));

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(addrmap_unmap(&res->map, 0x3ffffc), 0x1ffefff000 >> 10);
	th_read_free(res);
}

Test(lackey, honours_4_mib_pages)
{
	const uint32_t want[] = { ref_of(0, REF_READ), ref_of(1, REF_READ), ref_of(1, REF_WRITE),
				  ref_of(1023, REF_READ), ref_of(1022, REF_FETCH) };
	/* 4 MiB: a page is a region; 0x1ffefff000 is page 0x7ffb -> slot 1023. */
	struct th_read *res = th_read_text(" L 003ffffe,4\n S 00400000,4096\n L 1ffefff000,4\n"
					   "I  2ffefff000,4\n",
					   "auto", TH_OPT_SHIFT(22));

	expect_refs(res, want, ARRAY_LEN(want));
	th_read_free(res);
}

/* --- long inputs: chunk boundaries and block sizes ------------------------- */

Test(lackey, skips_an_over_long_stray_line)
{
	size_t len = 20000;
	char *text = malloc(len + 64);
	struct th_read *res;
	const uint32_t want[] = { ref_of(1, REF_READ), ref_of(2, REF_READ) };

	cr_assert_not_null(text);
	strcpy(text, " L 00001000,4\n");
	memset(text + 14, 'x', len);
	strcpy(text + 14 + len, "\n L 00002000,4\n");
	res = th_read_text_cap(text, strlen(text), "auto", TH_OPT(), 4096);
	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.stray_lines, 1);
	cr_expect_eq(res->sum.first_stray_line, 2);
	th_read_free(res);
	free(text);
}

/* A generated trace mixing every kind of line: its references are computed
 * here, line by line, and must come out the same for every block size. */
static void check_mixed_trace(size_t N, const size_t *caps, size_t ncaps, size_t min_len)
{
	char *text = malloc(N * 48 + 64);
	uint32_t *want = malloc(sizeof(uint32_t) * (N * 4 + 2));
	size_t len = 0, nwant = 0, stray = 0, records = 0, crossing = 0;
	uint64_t x = 99;
	char path[TH_PATH_MAX];

	cr_assert(text && want);
	/* Two high regions first, so their slots are 1023 and 1022. */
	len += (size_t)sprintf(text + len, " L 1ffefff000,8\n S 2ffefff000,8\n");
	want[nwant++] = ref_of(0xfffff, REF_READ);
	want[nwant++] = ref_of(0xffbff, REF_WRITE);
	records = 2;
	for (size_t i = 0; i < N; i++) {
		uint64_t addr, size, r;
		enum ref_kind kind;
		const char *pfx;

		x = x * 6364136223846793005u + 1442695040888963407u;
		r = x >> 33;
		switch (r % 40) {
		case 0:
			len += (size_t)sprintf(text + len, "==4242== message %zu\n", i);
			continue;
		case 1:
			len += (size_t)sprintf(text + len, "program says %zu\n", i);
			stray++;
			continue;
		case 2:
			len += (size_t)sprintf(text + len, "\n");
			continue;
		default:
			break;
		}
		switch (r % 4) {
		case 0: kind = REF_FETCH; pfx = "I  "; break;
		case 1: kind = REF_READ; pfx = " L "; break;
		case 2: kind = REF_WRITE; pfx = " S "; break;
		default: kind = REF_WRITE; pfx = " M "; break;
		}
		size = (r >> 3) % 16 == 0 ? 1 + (r >> 8) % 5000 : 1 + (r >> 8) % 16;
		if ((r >> 20) % 50 == 0)
			addr = ((r >> 21) % 2 ? 0x1ffec00000 : 0x2ffec00000) + (x >> 12) % 0x300000;
		else
			addr = (x >> 8) % 0xff000000; /* below slot 1020 */
		len += (size_t)sprintf(text + len, (r >> 27) % 7 == 0 ? "%s%010llx,%llu\r\n" : "%s%08llx,%llu\n",
				       pfx, (unsigned long long)addr, (unsigned long long)size);
		records++;
		if ((addr >> 12) != ((addr + size - 1) >> 12))
			crossing++;
		for (uint64_t pg = addr >> 12; pg <= (addr + size - 1) >> 12; pg++) {
			uint32_t vpn;
			if (pg >> 10 == 0x1ffec00000 >> 22)
				vpn = (uint32_t)(0xffc00 | (pg & 0x3ff));
			else if (pg >> 10 == 0x2ffec00000 >> 22)
				vpn = (uint32_t)(0xff800 | (pg & 0x3ff));
			else
				vpn = (uint32_t)pg;
			want[nwant++] = ref_of(vpn, kind);
		}
	}
	cr_assert_geq(len, min_len, "the trace is too short for what it tests");
	th_write_temp(path, text, len);
	for (size_t c = 0; c < ncaps; c++) {
		struct th_read *res = th_read_path(path, "auto", TH_OPT(), caps[c]);
		cr_assert_eq(res->rc, 0, "cap %zu: %s", caps[c], res->err);
		cr_expect_str_eq(res->format, "lackey");
		cr_expect_eq(res->n, nwant, "cap %zu: %zu references, want %zu", caps[c], res->n, nwant);
		if (res->n == nwant)
			for (size_t i = 0; i < nwant; i++)
				if (res->refs[i] != want[i]) {
					cr_expect_fail("cap %zu: ref %zu is vpn 0x%x kind %d, want 0x%x kind %d",
						       caps[c], i, ref_vpn(res->refs[i]),
						       (int)ref_kind(res->refs[i]), ref_vpn(want[i]),
						       (int)ref_kind(want[i]));
					break;
				}
		cr_expect_eq(res->sum.records, records, "cap %zu", caps[c]);
		cr_expect_eq(res->sum.references, nwant, "cap %zu", caps[c]);
		cr_expect_eq(res->sum.stray_lines, stray, "cap %zu", caps[c]);
		cr_expect_eq(res->sum.crossing, crossing, "cap %zu", caps[c]);
		cr_expect_eq(res->sum.bytes, len, "cap %zu", caps[c]);
		th_read_free(res);
	}
	unlink(path);
	free(text);
	free(want);
}

/* Several MiB: lines cross the reader's 1 MiB chunks. */
Test(lackey, streams_a_large_mixed_trace_identically_at_every_block_size)
{
	static const size_t caps[] = { 200, 4096, 1u << 16 };

	check_mixed_trace(250000, caps, ARRAY_LEN(caps), 3u << 20);
}

/* The smallest blocks a reader must serve: one record's slack plus one.
 * (Kept short: the lackey reader indexes up to 4096 lines per call, so a
 * block of 65 costs far more per reference than a large one.) */
Test(lackey, fills_the_smallest_blocks_correctly)
{
	static const size_t caps[] = { TRACE_BLOCK_SLACK + 1, TRACE_BLOCK_SLACK + 2, 97 };

	check_mixed_trace(6000, caps, ARRAY_LEN(caps), 0);
}
