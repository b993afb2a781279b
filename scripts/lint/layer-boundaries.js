// ESLint rule `layers/boundaries`: an import may point only down the layer table (docs/architecture.md).
// It resolves each relative import to its file, finds the layer of both ends by path, and reports
// an import that points up or sideways, or into a file of src/ that no layer claims.
import path from 'node:path';

/**
 * Options: `{ layers: [{ name, paths, mayImport }], exceptions: [{ from, to, why }] }`.
 * `paths` are repository-relative prefixes (a folder ending in `/`, or one file without its
 * extension); `mayImport` names the layers below it; a layer always imports itself.
 * `exceptions` allow one layer to import one file (`to`, without extension) of another, with a reason.
 */
export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports point down the layer table only' },
    schema: [
      {
        type: 'object',
        properties: { layers: { type: 'array' }, exceptions: { type: 'array' } },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward:
        "{{from}} may not import {{to}} ('{{source}}'): {{from}} imports only {{allowed}} (docs/architecture.md)",
      unclaimedFile:
        '{{file}} is in src/ but in no layer: add its folder to the layer table in eslint.config.js',
      unclaimed:
        "'{{source}}' is in src/ but in no layer: add its folder to the layer table in eslint.config.js",
    },
  },
  create(context) {
    const { layers, exceptions = [] } = context.options[0];
    const toKey = (absolute) =>
      path
        .relative(context.cwd, absolute)
        .split(path.sep)
        .join('/')
        .replace(/\.[cm]?[jt]sx?$/, '');
    const layerOf = (key) =>
      layers.find((layer) =>
        layer.paths.some((prefix) =>
          prefix.endsWith('/') ? key.startsWith(prefix) : key === prefix,
        ),
      );
    const fileKey = toKey(context.filename);
    const from = layerOf(fileKey);
    if (from === undefined) {
      if (!fileKey.startsWith('src/')) return {};
      return {
        Program: (node) =>
          context.report({ node, messageId: 'unclaimedFile', data: { file: fileKey } }),
      };
    }

    function check(sourceNode) {
      if (sourceNode === null || sourceNode === undefined || typeof sourceNode.value !== 'string')
        return;
      const source = sourceNode.value;
      if (!source.startsWith('.')) return;
      const key = toKey(path.resolve(path.dirname(context.filename), source));
      const to = layerOf(key);
      if (to === undefined) {
        if (key.startsWith('src/'))
          context.report({ node: sourceNode, messageId: 'unclaimed', data: { source } });
        return;
      }
      if (to === from || from.mayImport.includes(to.name)) return;
      if (exceptions.some((exception) => exception.from === from.name && exception.to === key))
        return;
      context.report({
        node: sourceNode,
        messageId: 'upward',
        data: {
          from: from.name,
          to: to.name,
          source,
          allowed: from.mayImport.length > 0 ? from.mayImport.join(', ') : 'itself',
        },
      });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { rules: { boundaries: boundariesRule } };
