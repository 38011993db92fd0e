module.exports = require('../../webpack.node-app.cjs')(__dirname, 'worker');
