.PHONY: ops-up ops-down

ops-up:
	./bin/atlasctl ops stack up
