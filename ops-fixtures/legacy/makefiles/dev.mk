# Developer targets. This file uses '>' as the recipe prefix (editor tab handling broke
# recipes twice); it resets the prefix at the end so other makefiles keep using tabs.
.RECIPEPREFIX := >

PYTHON ?= python3

.PHONY: lint fmt test test-ops

lint:
> ruff check ops/_lib ops/datasets/scripts ops/load/scripts packages
> shellcheck -x ops/_lib/*.sh ops/*/scripts/*.sh
> $(PYTHON) -m yamllint -c configs/lint/yamllint.yaml ops

fmt:
> ruff format ops/datasets/scripts ops/load/scripts packages

test:
> $(PYTHON) -m pytest packages/atlasctl/tests packages/tool/tests

# The shell suites under ops/<domain>/tests/ are run by atlasctl, which sets up the stack.
test-ops:
> $(ATLASCTL) ops test --all

.RECIPEPREFIX :=
