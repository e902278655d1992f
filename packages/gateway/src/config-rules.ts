import { childPath, type ConfigIssue } from './config-issues.js';

/**
 * The rules that relate one field of the config to another, or to what is known only at run
 * time (custom protocols). A schema of single fields cannot state them, and neither can JSON
 * Schema, so they are checked here, on the document as written (after interpolation). A value
 * the schema already reported is skipped: each problem is reported once.
 */
export function checkConfigRules(doc: unknown, protocols: readonly string[], reported: ReadonlySet<string>): ConfigIssue[] {
  const config = new WrittenConfig(doc, reported);
  return [...protocolNames(config, protocols), ...keyReferences(config), ...endpointLists(config), ...proxyEgress(config)];
}

/** A key's protocol must be built in or have a custom adapter. */
function protocolNames(config: WrittenConfig, protocols: readonly string[]): ConfigIssue[] {
  return config.entries('keys').flatMap((name) => {
    const protocol = config.acceptedText('keys', name, 'protocol');
    if (protocol === undefined || protocols.includes(protocol.value)) return [];
    return [{ path: protocol.path, message: `expected one of ${protocols.map((p) => `"${p}"`).join(', ')}, got ${JSON.stringify(protocol.value)}` }];
  });
}

/** An endpoint's key must be declared in `keys`. */
function keyReferences(config: WrittenConfig): ConfigIssue[] {
  const keys = config.names('keys');
  return config.entries('endpoints').flatMap((id) => {
    const key = config.acceptedText('endpoints', id, 'key');
    return key === undefined || keys.includes(key.value) ? [] : [{ path: key.path, message: unknownName('key', key.value, 'keys', keys) }];
  });
}

/** A model's endpoints must be declared in `endpoints`, each listed once. */
function endpointLists(config: WrittenConfig): ConfigIssue[] {
  const endpoints = config.names('endpoints');
  return config.entries('models').flatMap((name) => {
    const list = config.acceptedList('models', name, 'endpoints');
    if (list === undefined) return [];
    const seen = new Set<string>();
    return list.items.flatMap((id, i) => {
      const path = `${list.path}[${i}]`;
      if (typeof id !== 'string' || config.reported(path)) return [];
      if (!endpoints.includes(id)) return [{ path, message: unknownName('endpoint', id, 'endpoints', endpoints) }];
      if (seen.has(id)) return [{ path, message: `endpoint "${id}" is listed twice` }];
      seen.add(id);
      return [];
    });
  });
}

/** A proxy resolves upstream names itself, so the `public-only` guard could not check them. */
function proxyEgress(config: WrittenConfig): ConfigIssue[] {
  const upstream = config.section('upstream');
  if (typeof upstream.proxy !== 'string' || config.reported('upstream.proxy') || upstream.egress !== 'public-only') return [];
  return [
    {
      path: 'upstream.proxy',
      message: 'a proxy cannot be combined with egress "public-only": the proxy resolves upstream host names, so the guard could not check the addresses used',
    },
  ];
}

function unknownName(kind: string, name: string, table: string, known: readonly string[]): string {
  return `unknown ${kind} "${name}"${known.length > 0 ? ` (defined in ${table}: ${known.join(', ')})` : ''}`;
}

/** Reads of the unvalidated document that tolerate any shape. */
class WrittenConfig {
  private readonly root: Record<string, unknown>;

  constructor(
    doc: unknown,
    private readonly reportedPaths: ReadonlySet<string>,
  ) {
    this.root = objectOrEmpty(doc);
  }

  reported(path: string): boolean {
    return this.reportedPaths.has(path);
  }

  section(name: string): Record<string, unknown> {
    return objectOrEmpty(this.root[name]);
  }

  /** Every name declared in a table, valid entry or not (so a bad entry is not also reported as missing). */
  names(table: string): string[] {
    return Object.keys(this.section(table));
  }

  /** The names of a table whose entries the schema did not reject whole (a blank name, not an object). */
  entries(table: string): string[] {
    return this.names(table).filter((name) => !this.reported(childPath(table, name)));
  }

  /** `table.name.field` when it is a string the schema accepted. */
  acceptedText(table: string, name: string, field: string): { path: string; value: string } | undefined {
    const path = childPath(childPath(table, name), field);
    const value = objectOrEmpty(this.section(table)[name])[field];
    return typeof value === 'string' && !this.reported(path) ? { path, value } : undefined;
  }

  /** `table.name.field` when it is an array (its items are checked one by one). */
  acceptedList(table: string, name: string, field: string): { path: string; items: readonly unknown[] } | undefined {
    const path = childPath(childPath(table, name), field);
    const value = objectOrEmpty(this.section(table)[name])[field];
    return Array.isArray(value) ? { path, items: value } : undefined;
  }
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
