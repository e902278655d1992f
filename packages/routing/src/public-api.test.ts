import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { dtsCompilerOptions } from '../tsup.config.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The declarations a consumer gets of these files, emitted with the build's declaration options. */
function publishedDeclarations(...names: string[]): Map<string, string> {
  const configPath = ts.findConfigFile(packageDir, ts.sys.fileExists)!;
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const options: ts.CompilerOptions = {
    ...config.options,
    ...dtsCompilerOptions,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
  };
  const program = ts.createProgram([`${packageDir}src/index.ts`], options);
  const files = new Map<string, string>();
  for (const name of names) {
    const emitted = program.emit(program.getSourceFile(`${packageDir}src/${name}.ts`), (_path, text) => files.set(name, text), undefined, true);
    if (emitted.emitSkipped) throw new Error(`could not emit the declarations of ${name}.ts`);
  }
  return files;
}

/** Each member of the named class in a declaration file, with whether it carries JSDoc. */
function members(declarations: string, className: string): Array<{ name: string; documented: boolean }> {
  const source = ts.createSourceFile('x.d.ts', declarations, ts.ScriptTarget.ES2022, true);
  const found = source.statements.find((node): node is ts.ClassDeclaration => ts.isClassDeclaration(node) && node.name?.text === className);
  if (found === undefined) throw new Error(`no class ${className}`);
  return found.members
    .filter((member) => member.name === undefined || !ts.isPrivateIdentifier(member.name))
    .map((member) => ({
      name: member.name === undefined ? 'constructor' : member.name.getText(source),
      documented: ts.getJSDocCommentsAndTags(member).length > 0,
    }));
}

describe('the published declarations', () => {
  const files = publishedDeclarations('endpoint', 'pool');

  it.each([
    [
      'Endpoint',
      'endpoint',
      [
        'id',
        'key',
        'model',
        'inputPrice',
        'outputPrice',
        'cachedInputPrice',
        'cacheWritePrice',
        'priority',
        'constructor',
        'validate',
        'state',
        'latencyMs',
        'consecutiveFailures',
        'breakerConfig',
        'isCircuitBreakerOpen',
        'isProbing',
        'markSuccess',
        'markFail',
        'coolDown',
      ],
    ],
    ['EndpointPool', 'pool', ['endpoints', 'retries', 'defaultOutputTokens', 'constructor', 'maxAttempts', 'acquire', 'select', 'nextAvailableAt']],
  ])('%s exposes exactly its documented members, each with JSDoc', (className, file, names) => {
    const found = members(files.get(file)!, className);
    expect(found.map((member) => member.name)).toEqual(names);
    expect(found.filter((member) => member.name !== 'constructor' && !member.documented)).toEqual([]);
  });

  it('leaks no package-internal symbol', () => {
    expect(files.get('endpoint')).not.toMatch(/ADMITS_WITHOUT_CLOCK|admitsWithoutClock/);
  });
});
