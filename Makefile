# Entry points for working on the platform; the logic lives in scripts/.
# Pick another local stack with STACK=<name> PORT_BASE=<n> (see docs/conventions.md).

PYTHON ?= python3
STACK_PY := $(PYTHON) scripts/stack.py
VENV_PYTHON := .cache/venv/bin/python

.DEFAULT_GOAL := help
.PHONY: help bootstrap up down reset status logs lint test token contracts bench k8s-check

help: ## list the targets
	@awk -F':.*## ' '/^[a-z0-9-]+:.*## / { printf "  make %-10s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

bootstrap: ## install Python packages, Kafka jars and gateway modules into .cache/
	@scripts/bootstrap.sh

up: ## start the dev stack (PostgreSQL, Kafka, services, gateway) and load demo data; ONLY=infra for less
	@$(STACK_PY) up $(if $(ONLY),--only $(ONLY))

down: ## stop the stack, keep its data
	@$(STACK_PY) down

reset: ## stop the stack and delete its data
	@$(STACK_PY) reset

status: ## show which components run, with their pids and addresses
	@$(STACK_PY) status

logs: ## show the stack's logs (C=component to pick one, FOLLOW=1 to follow)
	@$(STACK_PY) logs $(C) $(if $(FOLLOW),--follow)

lint: ## ruff check, ruff format --check and mypy, as pyproject.toml configures them
	@scripts/bootstrap.sh
	@scripts/lint.sh

# The lint runs first and stops the tests when it finds something; LINT=0 skips it, and says so.
test: ## lint, then pytest against the test stack, starting what it lacks (ARGS="-k name" for pytest)
	@$(if $(filter 0,$(LINT)),echo "lint: skipped (LINT=0)",$(MAKE) --no-print-directory lint)
	@$(STACK_PY) test $(if $(ONLY),--only $(ONLY)) -- $(ARGS)

token: ## print a JWT for the stack (ROLE=admin, and UNIT=... or CADRE=... where the role needs one)
	@test -n "$(ROLE)" || { echo "usage: make token ROLE=<role> [UNIT=<unit id>] [CADRE=<cadre id>]" >&2; exit 2; }
	@eval "$$($(STACK_PY) env)" && $(VENV_PYTHON) -m services.common.token --role $(ROLE) \
		$(if $(UNIT),--unit $(UNIT)) $(if $(CADRE),--cadre $(CADRE))

contracts: ## regenerate schemas/exported/ (SDL, supergraph, JSON Schema, AsyncAPI) and the console's typed operations
	@scripts/bootstrap.sh
	@$(VENV_PYTHON) -m schemas.export
	@npm --prefix web run --silent codegen

bench: ## run every bench/*.py against the dev stack, starting it if needed
	@$(STACK_PY) bench

k8s-check: ## render and validate every deploy/k8s overlay
	@test -x scripts/k8s_check.sh || { echo "scripts/k8s_check.sh does not exist yet" >&2; exit 1; }
	@scripts/k8s_check.sh
