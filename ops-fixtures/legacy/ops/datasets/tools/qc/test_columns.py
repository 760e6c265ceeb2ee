from qc.columns import null_ratio


def test_empty_table_has_no_nulls():
    assert null_ratio([]) == 0.0


def test_counts_na_and_dot_as_null():
    assert null_ratio([["a", "NA"], [".", "b"]]) == 0.5
