/**
 * `@fluxcore/message/internal`: the fast paths fluxcore's own adapters share. They read repeated
 * stream frames without JSON.parse (a learned `JsonShape`, see json-shape.ts). They are not part
 * of the public API: names and behaviour may change in any release, semver does not cover them.
 * An adapter outside this repository should decode frames with JSON.parse, or pin the exact
 * version of @fluxcore/message it was written against.
 */
export { JsonShape, readJsonFrame, RepeatedJsonReader, type JsonFrameReader, type JsonSlot } from './json-shape.js';
