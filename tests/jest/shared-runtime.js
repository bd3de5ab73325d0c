/**
 * jest's runtime, with `@pulumi/*` required from the worker's shared realm (see shared-environment.js). Everything
 * else goes through jest's own registry as usual.
 */
"use strict";
const Runtime = require("jest-runtime").default;
const { isShared } = require("./shared-environment");

class SharedSdkRuntime extends Runtime {
    requireModule(from, moduleName, options, isRequireActual) {
        if (isShared(moduleName) && !(options && options.isInternalModule) && typeof this._environment.sharedRequire === "function") {
            return this._environment.sharedRequire(from, moduleName);
        }
        return super.requireModule(from, moduleName, options, isRequireActual);
    }
}

module.exports = SharedSdkRuntime;
module.exports.default = SharedSdkRuntime;
