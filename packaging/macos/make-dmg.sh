#!/usr/bin/env bash
# Builds LeadQ.app and LeadQ-<version>-macos.dmg on a Mac (Xcode command line tools, rustup):
#   rustup target add aarch64-apple-darwin x86_64-apple-darwin
#   bash packaging/macos/make-dmg.sh         -> target/packages/LeadQ-<version>-macos.dmg
# One universal binary (Apple silicon and Intel) in LeadQ.app/Contents/MacOS/leadq, the icon
# (assets/icon.icns, drawn by assets/make_icon.py) and Info.plist from this folder. The bundle is
# signed ad hoc; for distribution outside your team set LEADQ_SIGN_ID to a "Developer ID
# Application" identity (then notarise the .dmg with `xcrun notarytool submit --wait`).
# A rep installs by dragging LeadQ onto Applications; uninstall: drag it to the bin (the leads
# in ~/Library/Application Support/de.LeadQ.LeadQ stay).
set -euo pipefail
cd "$(dirname "$0")/../.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
plist_version=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' packaging/macos/Info.plist)
if [ "$version" != "$plist_version" ]; then
  echo "make-dmg.sh: Info.plist says $plist_version, Cargo.toml $version" >&2
  exit 1
fi
target_dir=${CARGO_TARGET_DIR:-target}
out=target/packages
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

export MACOSX_DEPLOYMENT_TARGET=11.0
for t in aarch64-apple-darwin x86_64-apple-darwin; do
  cargo build --profile dist --locked --target "$t"
done

app=$stage/LeadQ.app
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
lipo -create -output "$app/Contents/MacOS/leadq" \
  "$target_dir/aarch64-apple-darwin/dist/leadq" "$target_dir/x86_64-apple-darwin/dist/leadq"
cp packaging/macos/Info.plist "$app/Contents/Info.plist"
cp assets/icon.icns "$app/Contents/Resources/LeadQ.icns"
cp LICENSE assets/THIRD-PARTY-LICENSES.txt "$app/Contents/Resources/"
plutil -lint "$app/Contents/Info.plist"
codesign --force --options runtime --timestamp=none --sign "${LEADQ_SIGN_ID:--}" "$app"

mkdir -p "$out" "$stage/dmg"
mv "$app" "$stage/dmg/"
ln -s /Applications "$stage/dmg/Applications"
dmg=$out/LeadQ-$version-macos.dmg
rm -f "$dmg"
hdiutil create -volname "LeadQ $version" -srcfolder "$stage/dmg" -format UDZO -ov "$dmg"
echo "make-dmg.sh: wrote $dmg"
