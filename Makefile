# hrkg: every target sets up what it needs on a fresh machine.
#   make demo   build the graph of the bundled corpus into out/
#   make test   lint + the whole test suite (what CI runs)
#   make bench  the benchmarks (build, query, map)
#   make docs   the ontology and shapes documentation into docs/ontology/ (a test in
#               make test fails while the committed pages are out of date)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# System tools the tests use: rapper (raptor2-utils), roqet (rasqal-utils),
# headless chromium, and CJK fonts so map screenshots show Chinese; the stores the
# exports are tested in (tests/test_real_stores.py): Virtuoso 7 (virtuoso-t, isql-vt;
# the -bin package, without the system service) and Apache Jena 4.5 (jars run by
# tests/support/jena.sh with java; unzip fixes their classpath).
APT_PACKAGES := raptor2-utils rasqal-utils chromium fonts-noto-cjk \
	virtuoso-opensource-7-bin libapache-jena-java default-jre-headless unzip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system-deps w3c-suite demo test lint typecheck layers linktree bench clean docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	@if ! command -v rapper >/dev/null || ! command -v roqet >/dev/null \
	    || ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi 'noto.*cjk' \
	    || ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null \
	    || ! command -v java >/dev/null || ! command -v unzip >/dev/null \
	    || [ ! -f /usr/share/java/jena-arq.jar ]; then \
	  echo "installing system packages: $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	fi

demo: install
	$(BIN)/hrkg build --out out

docs: install
	$(BIN)/python -m hrkg.ontology.docs docs/ontology

# mypy and import-linter read the package as Python imports it: build/pkg/hrkg links
# hrkg/ and the stage folders that pyproject.toml maps onto hrkg.* (package-dir).
PKG_FOLDERS := core extract graph sparql maps evaluation exports ontology corpus queries
LINKTREE := build/pkg

linktree:
	@rm -rf $(LINKTREE) && mkdir -p $(LINKTREE)/hrkg
	@for f in hrkg/*; do ln -s ../../../$$f $(LINKTREE)/hrkg/; done
	@for d in $(PKG_FOLDERS); do ln -s ../../../$$d $(LINKTREE)/hrkg/$$d; done

lint: install
	$(BIN)/ruff check .

typecheck: install linktree
	cd $(LINKTREE) && ../../$(BIN)/mypy -p hrkg

layers: install linktree
	cd $(LINKTREE) && PYTHONPATH=. ../../$(BIN)/lint-imports --no-cache ../../pyproject.toml

# The W3C SPARQL test suites (tests/test_w3c_sparql.py) as rdflib's source distribution
# ships them: fetched with pip at install time, never copied into the project.
W3C := build/w3c
$(W3C)/.fetched: $(STAMP)
	rm -rf $(W3C) && mkdir -p $(W3C)
	$(BIN)/python -m pip download -q --no-binary :all: --no-deps -d $(W3C) \
	  "rdflib==$$($(BIN)/python -c 'import rdflib; print(rdflib.__version__)')"
	tar -xzf $(W3C)/rdflib-*.tar.gz -C $(W3C) --wildcards '*/test/data/suites/w3c/*'
	touch $@

w3c-suite: $(W3C)/.fetched

test: install system-deps w3c-suite lint typecheck layers
	$(BIN)/pytest -q

bench: install
	$(BIN)/python benchmarks/bench_build.py --times 10
	$(BIN)/python benchmarks/bench_query.py
	$(BIN)/python benchmarks/bench_map.py

clean:
	rm -rf out .pytest_cache .ruff_cache
