// `npm pack` guard (package.json "prepack"): the package is the jsii build's
// output; packing a tree that was never built would ship a package without
// the library, its assembly or the handler. Build with `npx projen compile &&
// npx projen package` (compile bundles the handler first; the tarball lands in
// dist/js/): the README's local build, which .ci/run runs in a fresh state.
const fs = require('fs');
const REQUIRED = ['lib/index.js', '.jsii', 'assets/handler/index.js', 'assets/handler/__entrypoint__.js'];
const missing = REQUIRED.filter((file) => !fs.existsSync(file));
if (missing.length > 0) {
  console.error(`npm pack: not built (missing ${missing.join(', ')}).\n` +
    'Build the package with `npx projen compile && npx projen package`; the tarball is dist/js/*.tgz.');
  process.exit(1);
}
