# Stable operator surface, declared in ops/_meta/surface.json and listed in ops/INDEX.md.
ATLASCTL ?= ./bin/atlasctl

.PHONY: ops-up ops-down ops-k8s-deploy ops-obs-drill ops-load-smoke ops-datasets-pin ops-e2e-smoke ops-contracts-check

ops-up:
	$(ATLASCTL) ops stack up

ops-down:
	$(ATLASCTL) ops stack down

ops-k8s-deploy:
	$(ATLASCTL) ops k8s deploy --profile local

ops-obs-drill:
	$(ATLASCTL) ops obs drill

ops-load-smoke:
	$(ATLASCTL) ops load run --suite smoke

ops-datasets-pin:
	$(ATLASCTL) ops datasets pin

ops-e2e-smoke:
	$(ATLASCTL) ops e2e run --scenario smoke

ops-contracts-check:
	$(ATLASCTL) ops contracts check
