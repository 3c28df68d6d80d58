// Regenerates dockerfile-ast.expected (npm install dockerfile-ast@0.7.1).
// Print what dockerfile-ast sees: escape char, then one line per
// instruction: KEYWORD startline endline (1-based).
const ast = require('dockerfile-ast');
const fs = require('fs');
for (const f of process.argv.slice(2)) {
  const d = ast.DockerfileParser.parse(fs.readFileSync(f, 'utf8'));
  const out = ['escape ' + JSON.stringify(d.getEscapeCharacter())];
  for (const i of d.getInstructions()) {
    const r = i.getRange();
    out.push(`${i.getKeyword().toUpperCase()} ${r.start.line + 1} ${r.end.line + 1}`);
  }
  console.log('== ' + f + '\n' + out.join('\n'));
}
