const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

/**
 * The webpack config of a Nest app (apps/api, apps/worker): bundled so that
 * workspace libs resolve at run time; npm packages stay external and load
 * from node_modules.
 */
module.exports = function nodeAppConfig(appDir, name) {
  return {
    output: { path: join(__dirname, 'dist/apps', name), clean: true },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: join(appDir, 'src/main.ts'),
        tsConfig: join(appDir, 'tsconfig.app.json'),
        assets: [],
        optimization: false,
        outputHashing: 'none',
        externalDependencies: 'all',
        skipTypeChecking: true,
        sourceMap: true,
      }),
    ],
  };
};
