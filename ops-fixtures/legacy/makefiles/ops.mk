# Stable operator surface: declared in ops/_meta/surface.json.
# Every recipe is a thin wrapper over the operator CLI.

.PHONY: ops-up ops-down ops-k8s-deploy ops-k8s-render ops-obs-drill ops-load-smoke \
        ops-load-soak ops-datasets-pin ops-datasets-promote ops-e2e-smoke ops-contracts-check

ops-up:
	$(ATLASCTL) ops stack up --profile $(or $(PROFILE),local)

ops-down:
	$(ATLASCTL) ops stack down

ops-k8s-deploy:
	$(ATLASCTL) ops k8s deploy --profile $(or $(PROFILE),local) $(if $(DRY_RUN),--dry-run,)

ops-k8s-render:
	$(ATLASCTL) ops k8s render --profile $(or $(PROFILE),local)

ops-obs-drill:
	./ops/obs/scripts/run-drill.sh $(or $(DRILL),alert-routing)

ops-load-smoke:
	$(ATLASCTL) ops load run --suite smoke

ops-datasets-pin:
	$(ATLASCTL) ops datasets pin $(if $(DATASET),--dataset $(DATASET),--all)

ops-e2e-smoke: ops-up
	$(ATLASCTL) ops e2e run --scenario smoke --target k8s

ops-contracts-check:
	$(ATLASCTL) ops contracts check

# Deprecated since 1.1.0: kept one release for old CI jobs.
ops-stack-up:
	@echo "ops-stack-up is deprecated: use make ops-up" >&2
	$(MAKE) ops-up

# Anything else named ops-<domain>-<verb> goes straight to atlasctl
# (`make ops-load-spike` runs `atlasctl ops load spike`).
ops-%:
	$(ATLASCTL) ops $(subst -, ,$*)
