# shellcheck shell=bash disable=SC2034  # (variables are for the scripts that source this)
# Shared by scripts/windows-smoke and scripts/package-windows (sourced, not run): building the
# Windows .exe on Debian with MinGW, and a Wine setup that keeps everything inside the build
# folder. The caller sets SCRIPT (its name, for messages) and has cd'ed to the repository root.
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, whose ProcessPrng Rust's std uses for random
# numbers (HashMap seeds); real Windows 10 and 11 have it. wine_setup builds a stand-in that
# forwards to BCryptGenRandom and puts it in the Wine prefix's system32, the place Windows
# itself keeps it, so every .exe in the prefix runs, including an installed copy. It never goes
# near target/*/release or dist/, so it cannot be shipped by mistake.

WIN_TRIPLE=x86_64-pc-windows-gnu
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-x86_64-w64-mingw32-gcc}

# The build folder: cargo's, so CARGO_TARGET_DIR is honoured; absolute, because wine runs
# elsewhere.
TARGET_DIR=${CARGO_TARGET_DIR:-target}
mkdir -p "$TARGET_DIR"
TARGET_DIR=$(cd "$TARGET_DIR" && pwd)

step() { printf '==> %s\n' "$*"; }
# indent PREFIX: prefixes every line of stdin (for reports under a step line).
indent() { sed "s/^/$1/"; }
die() {
    printf '%s: FAILED: %s\n' "$SCRIPT" "$*" >&2
    exit 1
}

# apt_need PACKAGE...: installs the Debian packages that are missing (sudo when not root).
apt_need() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "$SCRIPT: not Debian; assuming these are installed: $*" >&2
        return 0
    fi
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
    step "installing: ${missing[*]}"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The MinGW cross toolchain (gcc pulls in binutils, whose windres build.rs needs).
WIN_BUILD_PACKAGES=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64)
# Wine without its recommends, plus what the eframe window needs under Wine: X11 client
# libraries Wine's X11 driver loads, and Mesa's software OpenGL behind Wine's opengl32.
WINE_PACKAGES=(wine wine64 fonts-wine libgl1 libglx-mesa0 libgl1-mesa-dri libxext6 libxrender1
    libxrandr2 libxi6 libxcursor1 libxfixes3 libxinerama1 libxcomposite1 libxxf86vm1)

rust_target_need() {
    local t
    for t in "$@"; do
        rustup target list --installed | grep -qx "$t" || {
            step "rustup target add $t"
            rustup target add "$t"
        }
    done
}

# win_path UNIX_PATH: the path as the Windows program sees it (Wine maps Z: to /).
win_path() {
    local p=$1
    printf 'Z:%s' "${p//\//\\}"
}

# wine_setup: a 64-bit prefix in $TARGET_DIR/wine-prefix with the ProcessPrng stand-in.
# Wine gets its own HOME there too, so nothing is written to the real home folder (Wine links
# Desktop/Documents to $HOME, and winemenubuilder would add .desktop files for shortcuts).
wine_setup() {
    export WINEPREFIX=$TARGET_DIR/wine-prefix WINEARCH=win64 WINEDEBUG=-all
    # No Mono/Gecko installer prompts, no menu entries on the host.
    export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d"
    # UTF-8 file names and command-line arguments (Chinese paths).
    export LC_ALL=C.UTF-8
    WINE_HOME=$TARGET_DIR/wine-home
    mkdir -p "$WINE_HOME"
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        step "creating the Wine prefix $WINEPREFIX"
        wine_env wineboot -i >/dev/null 2>&1 || die "wineboot could not create $WINEPREFIX"
        wine_env wineserver -w
    fi
    [ -e "$WINEPREFIX/dosdevices/z:" ] || die "the Wine prefix has no Z: drive for /"

    local dll=$TARGET_DIR/wine-standin/bcryptprimitives.dll
    if [ ! -f "$dll" ]; then
        mkdir -p "${dll%/*}"
        cat >"${dll%/*}/processprng.c" <<'EOF'
/* Test-only stand-in for Windows 10's bcryptprimitives.dll, which Wine 8 lacks. */
#include <windows.h>
#include <bcrypt.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return BCryptGenRandom(NULL, data, (ULONG)len, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
EOF
        x86_64-w64-mingw32-gcc -shared -O2 -s -o "$dll" "${dll%/*}/processprng.c" -lbcrypt \
            || die "could not build the ProcessPrng stand-in DLL"
    fi
    cmp -s "$dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
        || cp "$dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
}

# wine_env COMMAND...: runs a Wine tool (wine, wineserver, ...) with Wine's own HOME.
wine_env() {
    HOME=$WINE_HOME "$@"
}

# pe_subsystem FILE.exe: the Subsystem field of a Windows executable's PE header, read from
# the bytes: 2 for a GUI program (Windows opens no console for it), 3 for a console program.
# Prints "?" and fails when FILE is no PE executable.
pe_subsystem() {
    local file=$1 pe
    # e_lfanew, the offset of the "PE\0\0" signature, is at 0x3C.
    pe=$(od -An -tu4 -j60 -N4 "$file" | tr -d ' ')
    if [ -z "$pe" ] || [ "$(od -An -c -j"$pe" -N4 "$file" | tr -d ' ')" != 'PE\0\0' ]; then
        echo "?"
        return 1
    fi
    # The optional header follows the signature (4 bytes) and the COFF header (20 bytes);
    # Subsystem is at offset 68 in it, for PE32 and PE32+ alike.
    od -An -tu2 -j$((pe + 24 + 68)) -N2 "$file" | tr -d ' '
}
