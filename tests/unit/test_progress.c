/* test_progress.c - the figures of the progress line (progress_format). */
#include <criterion/criterion.h>

#include "progress.h"

static char line[200];

Test(progress, shows_percent_bytes_rate_and_time_left_of_a_file)
{
	/* Half of 100 MB in 2 s: 2 s left; 5 M references in 2 s. */
	progress_format(line, sizeof(line), "replaying", 50000000, 100000000, false, 5000000, 2.0);
	cr_assert_str_eq(line, "vmtrace: replaying  50% (50 MB of 100 MB, 2.5 M refs/s, ETA 0:02)");
}

Test(progress, shows_no_percent_or_time_left_for_a_pipe)
{
	progress_format(line, sizeof(line), "reading", 1500000000, 0, false, 90000000, 3.0);
	cr_assert_str_eq(line, "vmtrace: reading 1.5 GB, 30 M refs/s");
}

Test(progress, gives_hours_when_the_time_left_is_long)
{
	/* 1% in 60 s: 99 minutes to go. */
	progress_format(line, sizeof(line), "replaying", 1000, 100000, false, 0, 60.0);
	cr_assert_str_eq(line, "vmtrace: replaying   1% (1.0 kB of 100 kB, ETA 1:39:00)");
}

Test(progress, counts_items_with_their_rate)
{
	progress_format(line, sizeof(line), "belady: searching", 2500000, 10000000, true, 0, 1.0);
	cr_assert_str_eq(line,
			 "vmtrace: belady: searching  25% (2.5 M of 10 M, 2.5 M/s, ETA 0:03)");
}

Test(progress, fits_a_small_buffer)
{
	char small[16];

	progress_format(small, sizeof(small), "replaying", 1, 2, false, 1, 1.0);
	cr_assert_eq(strlen(small), sizeof(small) - 1);
}
