module.exports = require('./model-code').rule('model-code-connector');
