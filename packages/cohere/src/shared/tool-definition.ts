import { invalidRequest, optionalString, setDefined, unknownFields, type JsonObject, type JsonSchema, type ToolDefinition } from '@fluxcore/message';

/** How one version describes a tool: where its unmodelled fields go, which fields it models, how it gives the parameters. */
export interface ToolShape {
  /** The key of the version's `extras`. */
  readonly protocol: string;
  /** The fields the IR models; the others are kept in `extras[protocol]`. */
  readonly modelled: ReadonlySet<string>;
  /** The parameters as JSON Schema, read from the tool at `path`. */
  parameters(wire: JsonObject, path: string): JsonSchema;
}

/**
 * A tool of a client's request: a v1 tool or a v2 `function`, both with a non-empty `name` and
 * an optional `description`, each version giving its parameters its own way.
 */
export function readToolDefinition(wire: JsonObject, path: string, shape: ToolShape): ToolDefinition {
  if (typeof wire.name !== 'string' || wire.name === '') throw invalidRequest(`${path}.name`, 'a non-empty string');
  const tool: ToolDefinition = { name: wire.name, parameters: shape.parameters(wire, path) };
  setDefined(tool, 'description', optionalString(wire.description, `${path}.description`, invalidRequest));
  const extras = unknownFields(wire, shape.modelled);
  if (extras !== undefined) tool.extras = { [shape.protocol]: extras };
  return tool;
}
