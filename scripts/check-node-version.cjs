// Run first by `npm start` and `npm test`, on whatever Node.js the machine has: plain syntax
// that even old releases parse, so an old Node.js gets this message rather than a syntax error
// from deep inside a dependency. Supported releases: README.md, "Node.js versions".
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `Berth needs Node.js 20.19 or newer (24 LTS recommended); this is Node.js ${process.versions.node}.\n` +
      'Install Node.js 24 LTS (https://nodejs.org, or your distribution or version manager) and run the command again.',
  );
  process.exit(1);
}
if (major < 22) {
  console.warn(
    `Node.js ${process.versions.node} runs Berth, but Node.js 20 is past its end of life (no security fixes) and ` +
      "some of Berth's dependencies no longer support it (npm's EBADENGINE warnings): use Node.js 24 LTS.",
  );
}
