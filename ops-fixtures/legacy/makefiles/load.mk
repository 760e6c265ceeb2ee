# Load testing helpers for developers (not part of the operator surface).

LOAD_SUITES := smoke soak spike search-burst regression
LOAD_OUT_DIR ?= artifacts/load

.PHONY: load-report load-index

# Summarise the last run of every suite into one markdown page.
load-report:
	mkdir -p $(LOAD_OUT_DIR)
	$(ATLASCTL) ops load report --in ops/_artifacts/load --out $(LOAD_OUT_DIR)/report.md

# The committed suite index and its markdown table come from one generator run.
ops/_generated_committed/suite-index.json ops/_generated_committed/suites.md &: $(wildcard ops/load/suites/*.yaml)
	$(ATLASCTL) ops load index --suites ops/load/suites --out ops/_generated_committed

load-index: ops/_generated_committed/suite-index.json
