import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Declaration emit copies a member's JSDoc into the published `.d.ts`, so a member documented in
 * the source is documented for users (editors show it on hover).
 */
function undocumentedMembers(file: string, className: string): string[] {
  const path = new URL(file, import.meta.url);
  const source = ts.createSourceFile(file, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found = source.statements.find((node): node is ts.ClassDeclaration => ts.isClassDeclaration(node) && node.name?.text === className);
  if (found === undefined) throw new Error(`no class ${className} in ${file}`);
  return found.members
    .filter((member) => !ts.isConstructorDeclaration(member) && member.name !== undefined && !ts.isPrivateIdentifier(member.name))
    .filter((member) => ts.getJSDocCommentsAndTags(member).length === 0)
    .map((member) => member.name!.getText(source));
}

describe('the public API documentation', () => {
  it('documents every public field and method of FluxError', () => {
    expect(undocumentedMembers('./flux-error.ts', 'FluxError')).toEqual([]);
  });

  it('documents every public field and method of SecretRegistry', () => {
    expect(undocumentedMembers('./redact.ts', 'SecretRegistry')).toEqual([]);
  });
});
