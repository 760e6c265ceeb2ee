# `make help`: what operators and developers can run.

.PHONY: help
help:
	@echo "atlas make targets"
	@echo
	@echo "Operator targets (stable, see ops/INDEX.md):"
	@echo "  ops-up                start the local dependency stack (kind + compose)"
	@echo "  ops-down              tear the local stack down"
	@echo "  ops-k8s-deploy        render and apply the chart (PROFILE=local|ci|staging)"
	@echo "  ops-k8s-render        render the chart without applying it"
	@echo "  ops-obs-drill         run the observability drills"
	@echo "  ops-load-smoke        run the k6 smoke suite"
	@echo "  ops-load-soak         run the k6 soak suite (2h)"
	@echo "  ops-datasets-pin      pin dataset manifests to content hashes"
	@echo "  ops-datasets-promote  promote pinned datasets to the release bucket"
	@echo "  ops-e2e-smoke         end-to-end smoke scenario on kind"
	@echo "  ops-contracts-check   validate ops manifests against their schemas"
	@echo
	@echo "Adapters live under ops/<domain>/scripts/; the stack one is ops/stack/scripts/stack-up.sh"
	@echo "and is called by atlasctl, not by hand."
	@echo
	@echo "Developer targets: lint, fmt, test, load-report"
