# drizzle-lsp — the front door. Every target installs what is missing first,
# so on a fresh Debian machine (as root) `make demo` and `make test` are all
# the set-up there is.
#
#   make build   build/drizzle-lsp (RelWithDebInfo)
#   make test    every test through ctest: all of them under ASan+UBSan
#                (build-asan/), and the unit tests under valgrind (build/)
#   make demo    the main job on examples/dashboard
#   make bench   the benchmarks, reported as ratios

APT_PACKAGES := build-essential cmake pkg-config libjansson-dev libtree-sitter-dev \
                libsqlite3-dev libuv1-dev libicu-dev sqlite3 valgrind python3 neovim git
JOBS := $(shell nproc 2>/dev/null || echo 2)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build build-asan test demo bench clean
all: build

# apt: only what dpkg does not already have; node and npm only when absent
# (a newer Node.js from elsewhere is left alone).
.deps-stamp: Makefile
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@touch $@

node_modules/.dz-stamp: package.json package-lock.json .deps-stamp
	npm ci --no-audit --no-fund
	@touch $@

deps: .deps-stamp node_modules/.dz-stamp

build/CMakeCache.txt: | deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo

build-asan/CMakeCache.txt: | deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDZ_SANITIZE=ON

build: deps build/CMakeCache.txt
	cmake --build build -j $(JOBS)

build-asan: deps build-asan/CMakeCache.txt
	cmake --build build-asan -j $(JOBS)

test: build build-asan
	cd build-asan && ctest --output-on-failure -j $(JOBS) -LE valgrind
	cd build && ctest --output-on-failure -j $(JOBS) -L valgrind

demo: build
	@bash examples/dashboard/demo.sh build/drizzle-lsp build/demo

bench: build
	@for b in bench/*.sh; do bash "$$b" build/drizzle-lsp || exit 1; done

clean:
	rm -rf build build-asan
