// A protocol adapter for the consumer checks, complete in shape only: selection never calls the
// adapter, and validation only checks that it has every method. check.mjs and check.cjs share it.
const methods = [
  'parseRequest',
  'formatResponse',
  'createStreamEncoder',
  'formatError',
  'buildRequest',
  'buildPassthroughRequest',
  'parseResponse',
  'createStreamDecoder',
  'parseError',
];

exports.toyProtocol = {
  name: 'toy',
  family: 'toy',
  streamContentType: 'text/event-stream',
  ...Object.fromEntries(
    methods.map((m) => [
      m,
      () => {
        throw new Error(m);
      },
    ]),
  ),
};
