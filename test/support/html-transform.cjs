// Jest transform: an imported .html file is its text (see htmlAsString in rollup.config.mjs).
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
