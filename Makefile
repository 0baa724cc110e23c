# Peace Talks Chronicle. `make site` and `make test` work on a fresh machine:
# everything they need is installed here, into .venv, from pyproject.toml.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve serve-quick test test-fast lint data compile clean help bench

help:
	@echo "make site   - set up, run the whole pipeline on seeds/, build the site into site/"
	@echo "make serve  - preview on http://127.0.0.1:8000, rebuilt when seeds/, data/ or templates change"
	@echo "make serve-quick - the same, rebuilding only the pages that changed (search covers only those)"
	@echo "make test   - run the test suite"
	@echo "make bench  - time the generator on 100, 1,000 and 10,000 synthetic articles (BENCH_SIZES=100,1000 to choose)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Byte-code of the generator written ahead (quick when it is up to date): where
# PYTHONDONTWRITEBYTECODE is set, each command would otherwise compile every module
# again, a tenth of a rebuild after one changed article.
compile: $(STAMP)
	@$(BIN)/python -m compileall -q generator benchmarks

data: compile
	$(BIN)/chronicle build

# MkDocs builds into site.tmp, which is swapped in only when the build
# succeeds: a failed build leaves the previous site intact (generator/build.py).
# --strict: a MkDocs warning (a broken link) fails the build.
site: data
	$(BIN)/chronicle --strict site

serve: data
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# MkDocs' dirty rebuild: only pages whose Markdown changed are built again (the
# generator writes only those). Its search index then holds only the pages
# rebuilt since the server started, and MkDocs warns about dirty builds, which
# strict mode would turn into a failure: a preview for editing, not for checking.
serve-quick: data
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# Not part of `make test`: writes benchmarks/results-<date>.json and benchmarks/RESULTS.md.
bench: compile
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site site.tmp site.old data/generated
	test ! -f docs/.generated-pages || (cd docs && xargs -r rm -f < .generated-pages && rm -f .generated-pages)
