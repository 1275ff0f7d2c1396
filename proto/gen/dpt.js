// GENERATED FILE - DO NOT EDIT.
// Source: proto/dpt.proto (sha256 71667452527425f5e1578d471aa1a0b15da2017def67a454f0df01666dafa8b6)
// Generator: scripts/gen-proto.mjs with protobufjs-cli 2.7.1; run `npm run proto` to regenerate.
/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// dpt: decode 64-bit integers as plain numbers (see scripts/gen-proto.mjs).
$protobuf.util.Long = undefined;
$protobuf.configure();

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $Array = $util.global.Array, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $isFinite = $util.global.isFinite, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const dpt = $root.dpt = (() => {

    /**
     * Namespace dpt.
     * @exports dpt
     * @namespace
     */
    const dpt = {};

    dpt.TrainConfig = (function() {

        /**
         * Properties of a TrainConfig.
         * @typedef {Object} dpt.TrainConfig.$Properties
         * @property {string|null} [dataset] TrainConfig dataset
         * @property {Array.<number>|null} [structure] TrainConfig structure
         * @property {number|null} [epochs] TrainConfig epochs
         * @property {number|null} [batchSize] TrainConfig batchSize
         * @property {number|null} [shardSize] TrainConfig shardSize
         * @property {number|null} [eta] TrainConfig eta
         * @property {number|null} [seed] TrainConfig seed
         * @property {string|null} [activation] TrainConfig activation
         * @property {string|null} [loss] TrainConfig loss
         * @property {string|null} [init] TrainConfig init
         * @property {string|null} [dtype] TrainConfig dtype
         * @property {string|null} [inputScaling] TrainConfig inputScaling
         * @property {number|null} [trainLimit] TrainConfig trainLimit
         * @property {number|null} [testLimit] TrainConfig testLimit
         * @property {number|null} [maxSteps] TrainConfig maxSteps
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TrainConfig.
         * @memberof dpt
         * @interface ITrainConfig
         * @augments dpt.TrainConfig.$Properties
         * @deprecated Use dpt.TrainConfig.$Properties instead.
         */

        /**
         * Shape of a TrainConfig.
         * @typedef {dpt.TrainConfig.$Properties} dpt.TrainConfig.$Shape
         */

        /**
         * Constructs a new TrainConfig.
         * @memberof dpt
         * @classdesc Represents a TrainConfig.
         * @constructor
         * @param {dpt.TrainConfig.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TrainConfig = function (properties) {
            this.structure = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TrainConfig dataset.
         * @member {string} dataset
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.dataset = "";

        /**
         * TrainConfig structure.
         * @member {Array.<number>} structure
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.structure = $util.emptyArray;

        /**
         * TrainConfig epochs.
         * @member {number} epochs
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.epochs = 0;

        /**
         * TrainConfig batchSize.
         * @member {number} batchSize
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.batchSize = 0;

        /**
         * TrainConfig shardSize.
         * @member {number} shardSize
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.shardSize = 0;

        /**
         * TrainConfig eta.
         * @member {number} eta
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.eta = 0;

        /**
         * TrainConfig seed.
         * @member {number} seed
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.seed = 0;

        /**
         * TrainConfig activation.
         * @member {string} activation
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.activation = "";

        /**
         * TrainConfig loss.
         * @member {string} loss
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.loss = "";

        /**
         * TrainConfig init.
         * @member {string} init
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.init = "";

        /**
         * TrainConfig dtype.
         * @member {string} dtype
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.dtype = "";

        /**
         * TrainConfig inputScaling.
         * @member {string} inputScaling
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.inputScaling = "";

        /**
         * TrainConfig trainLimit.
         * @member {number} trainLimit
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.trainLimit = 0;

        /**
         * TrainConfig testLimit.
         * @member {number} testLimit
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.testLimit = 0;

        /**
         * TrainConfig maxSteps.
         * @member {number} maxSteps
         * @memberof dpt.TrainConfig
         * @instance
         */
        TrainConfig.prototype.maxSteps = 0;

        /**
         * Creates a new TrainConfig instance using the specified properties.
         * @function create
         * @memberof dpt.TrainConfig
         * @static
         * @param {dpt.TrainConfig.$Properties=} [properties] Properties to set
         * @returns {dpt.TrainConfig} TrainConfig instance
         * @type {{
         *   (properties: dpt.TrainConfig.$Shape): dpt.TrainConfig & dpt.TrainConfig.$Shape;
         *   (properties?: dpt.TrainConfig.$Properties): dpt.TrainConfig;
         * }}
         */
        TrainConfig.create = function(properties) {
            return new TrainConfig(properties);
        };

        /**
         * Encodes the specified TrainConfig message. Does not implicitly {@link dpt.TrainConfig.verify|verify} messages.
         * @function encode
         * @memberof dpt.TrainConfig
         * @static
         * @param {dpt.TrainConfig.$Properties} message TrainConfig message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TrainConfig.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset") && message.dataset !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.dataset);
            if (message.structure != null && message.structure.length)
                writer.uint32(/* id 2, wireType 2 =*/18).uint32s(message.structure);
            if (message.epochs != null && $Object.hasOwnProperty.call(message, "epochs") && message.epochs !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.epochs);
            if (message.batchSize != null && $Object.hasOwnProperty.call(message, "batchSize") && message.batchSize !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.batchSize);
            if (message.shardSize != null && $Object.hasOwnProperty.call(message, "shardSize") && message.shardSize !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.shardSize);
            if (message.eta != null && $Object.hasOwnProperty.call(message, "eta") && !$Object.is(message.eta, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.eta);
            if (message.seed != null && $Object.hasOwnProperty.call(message, "seed") && message.seed !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.seed);
            if (message.activation != null && $Object.hasOwnProperty.call(message, "activation") && message.activation !== "")
                writer.uint32(/* id 8, wireType 2 =*/66).string(message.activation);
            if (message.loss != null && $Object.hasOwnProperty.call(message, "loss") && message.loss !== "")
                writer.uint32(/* id 9, wireType 2 =*/74).string(message.loss);
            if (message.init != null && $Object.hasOwnProperty.call(message, "init") && message.init !== "")
                writer.uint32(/* id 10, wireType 2 =*/82).string(message.init);
            if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype") && message.dtype !== "")
                writer.uint32(/* id 11, wireType 2 =*/90).string(message.dtype);
            if (message.inputScaling != null && $Object.hasOwnProperty.call(message, "inputScaling") && message.inputScaling !== "")
                writer.uint32(/* id 12, wireType 2 =*/98).string(message.inputScaling);
            if (message.trainLimit != null && $Object.hasOwnProperty.call(message, "trainLimit") && message.trainLimit !== 0)
                writer.uint32(/* id 13, wireType 0 =*/104).uint32(message.trainLimit);
            if (message.testLimit != null && $Object.hasOwnProperty.call(message, "testLimit") && message.testLimit !== 0)
                writer.uint32(/* id 14, wireType 0 =*/112).uint32(message.testLimit);
            if (message.maxSteps != null && $Object.hasOwnProperty.call(message, "maxSteps") && message.maxSteps !== 0)
                writer.uint32(/* id 15, wireType 0 =*/120).uint32(message.maxSteps);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified TrainConfig message, length delimited. Does not implicitly {@link dpt.TrainConfig.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.TrainConfig
         * @static
         * @param {dpt.TrainConfig.$Properties} message TrainConfig message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TrainConfig.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a TrainConfig message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.TrainConfig
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.TrainConfig & dpt.TrainConfig.$Shape} TrainConfig
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TrainConfig.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.TrainConfig();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.dataset = value;
                        else
                            delete message.dataset;
                        continue;
                    }
                case 2: {
                        if (wireType === 2) {
                            if (!(message.structure && message.structure.length))
                                message.structure = [];
                            reader.uint32s(message.structure);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.structure && message.structure.length))
                            message.structure = [];
                        message.structure.push(reader.uint32());
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.epochs = value;
                        else
                            delete message.epochs;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.batchSize = value;
                        else
                            delete message.batchSize;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.shardSize = value;
                        else
                            delete message.shardSize;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.eta = value;
                        else
                            delete message.eta;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.seed = value;
                        else
                            delete message.seed;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.activation = value;
                        else
                            delete message.activation;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.loss = value;
                        else
                            delete message.loss;
                        continue;
                    }
                case 10: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.init = value;
                        else
                            delete message.init;
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.dtype = value;
                        else
                            delete message.dtype;
                        continue;
                    }
                case 12: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.inputScaling = value;
                        else
                            delete message.inputScaling;
                        continue;
                    }
                case 13: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.trainLimit = value;
                        else
                            delete message.trainLimit;
                        continue;
                    }
                case 14: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.testLimit = value;
                        else
                            delete message.testLimit;
                        continue;
                    }
                case 15: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.maxSteps = value;
                        else
                            delete message.maxSteps;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a TrainConfig message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.TrainConfig
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.TrainConfig & dpt.TrainConfig.$Shape} TrainConfig
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TrainConfig.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a TrainConfig message.
         * @function verify
         * @memberof dpt.TrainConfig
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        TrainConfig.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset"))
                if (!$util.isString(message.dataset))
                    return "dataset: string expected";
            if (message.structure != null && $Object.hasOwnProperty.call(message, "structure")) {
                if (!$Array.isArray(message.structure))
                    return "structure: array expected";
                for (let i = 0; i < message.structure.length; ++i)
                    if (!$util.isInteger(message.structure[i]))
                        return "structure: integer[] expected";
            }
            if (message.epochs != null && $Object.hasOwnProperty.call(message, "epochs"))
                if (!$util.isInteger(message.epochs))
                    return "epochs: integer expected";
            if (message.batchSize != null && $Object.hasOwnProperty.call(message, "batchSize"))
                if (!$util.isInteger(message.batchSize))
                    return "batchSize: integer expected";
            if (message.shardSize != null && $Object.hasOwnProperty.call(message, "shardSize"))
                if (!$util.isInteger(message.shardSize))
                    return "shardSize: integer expected";
            if (message.eta != null && $Object.hasOwnProperty.call(message, "eta"))
                if (typeof message.eta !== "number")
                    return "eta: number expected";
            if (message.seed != null && $Object.hasOwnProperty.call(message, "seed"))
                if (!$util.isInteger(message.seed))
                    return "seed: integer expected";
            if (message.activation != null && $Object.hasOwnProperty.call(message, "activation"))
                if (!$util.isString(message.activation))
                    return "activation: string expected";
            if (message.loss != null && $Object.hasOwnProperty.call(message, "loss"))
                if (!$util.isString(message.loss))
                    return "loss: string expected";
            if (message.init != null && $Object.hasOwnProperty.call(message, "init"))
                if (!$util.isString(message.init))
                    return "init: string expected";
            if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                if (!$util.isString(message.dtype))
                    return "dtype: string expected";
            if (message.inputScaling != null && $Object.hasOwnProperty.call(message, "inputScaling"))
                if (!$util.isString(message.inputScaling))
                    return "inputScaling: string expected";
            if (message.trainLimit != null && $Object.hasOwnProperty.call(message, "trainLimit"))
                if (!$util.isInteger(message.trainLimit))
                    return "trainLimit: integer expected";
            if (message.testLimit != null && $Object.hasOwnProperty.call(message, "testLimit"))
                if (!$util.isInteger(message.testLimit))
                    return "testLimit: integer expected";
            if (message.maxSteps != null && $Object.hasOwnProperty.call(message, "maxSteps"))
                if (!$util.isInteger(message.maxSteps))
                    return "maxSteps: integer expected";
            return null;
        };

        /**
         * Creates a TrainConfig message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.TrainConfig
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.TrainConfig} TrainConfig
         */
        TrainConfig.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.TrainConfig)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.TrainConfig: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.TrainConfig();
            if (object.dataset != null)
                if (typeof object.dataset !== "string" || object.dataset.length)
                    message.dataset = $String(object.dataset);
            if (object.structure) {
                if (!$Array.isArray(object.structure))
                    throw $TypeError(".dpt.TrainConfig.structure: array expected");
                message.structure = $Array(object.structure.length);
                for (let i = 0; i < object.structure.length; ++i)
                    message.structure[i] = object.structure[i] >>> 0;
            }
            if (object.epochs != null)
                if ($Number(object.epochs) !== 0)
                    message.epochs = object.epochs >>> 0;
            if (object.batchSize != null)
                if ($Number(object.batchSize) !== 0)
                    message.batchSize = object.batchSize >>> 0;
            if (object.shardSize != null)
                if ($Number(object.shardSize) !== 0)
                    message.shardSize = object.shardSize >>> 0;
            if (object.eta != null)
                if (!$Object.is($Number(object.eta), 0))
                    message.eta = $Number(object.eta);
            if (object.seed != null)
                if ($Number(object.seed) !== 0)
                    message.seed = object.seed >>> 0;
            if (object.activation != null)
                if (typeof object.activation !== "string" || object.activation.length)
                    message.activation = $String(object.activation);
            if (object.loss != null)
                if (typeof object.loss !== "string" || object.loss.length)
                    message.loss = $String(object.loss);
            if (object.init != null)
                if (typeof object.init !== "string" || object.init.length)
                    message.init = $String(object.init);
            if (object.dtype != null)
                if (typeof object.dtype !== "string" || object.dtype.length)
                    message.dtype = $String(object.dtype);
            if (object.inputScaling != null)
                if (typeof object.inputScaling !== "string" || object.inputScaling.length)
                    message.inputScaling = $String(object.inputScaling);
            if (object.trainLimit != null)
                if ($Number(object.trainLimit) !== 0)
                    message.trainLimit = object.trainLimit >>> 0;
            if (object.testLimit != null)
                if ($Number(object.testLimit) !== 0)
                    message.testLimit = object.testLimit >>> 0;
            if (object.maxSteps != null)
                if ($Number(object.maxSteps) !== 0)
                    message.maxSteps = object.maxSteps >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a TrainConfig message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.TrainConfig
         * @static
         * @param {dpt.TrainConfig} message TrainConfig
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        TrainConfig.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.structure = [];
            if (options.defaults) {
                object.dataset = "";
                object.epochs = 0;
                object.batchSize = 0;
                object.shardSize = 0;
                object.eta = 0;
                object.seed = 0;
                object.activation = "";
                object.loss = "";
                object.init = "";
                object.dtype = "";
                object.inputScaling = "";
                object.trainLimit = 0;
                object.testLimit = 0;
                object.maxSteps = 0;
            }
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset"))
                object.dataset = message.dataset;
            if (message.structure && message.structure.length) {
                object.structure = $Array(message.structure.length);
                for (let j = 0; j < message.structure.length; ++j)
                    object.structure[j] = message.structure[j];
            }
            if (message.epochs != null && $Object.hasOwnProperty.call(message, "epochs"))
                object.epochs = message.epochs;
            if (message.batchSize != null && $Object.hasOwnProperty.call(message, "batchSize"))
                object.batchSize = message.batchSize;
            if (message.shardSize != null && $Object.hasOwnProperty.call(message, "shardSize"))
                object.shardSize = message.shardSize;
            if (message.eta != null && $Object.hasOwnProperty.call(message, "eta"))
                object.eta = options.json && !$isFinite(message.eta) ? $String(message.eta) : message.eta;
            if (message.seed != null && $Object.hasOwnProperty.call(message, "seed"))
                object.seed = message.seed;
            if (message.activation != null && $Object.hasOwnProperty.call(message, "activation"))
                object.activation = message.activation;
            if (message.loss != null && $Object.hasOwnProperty.call(message, "loss"))
                object.loss = message.loss;
            if (message.init != null && $Object.hasOwnProperty.call(message, "init"))
                object.init = message.init;
            if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                object.dtype = message.dtype;
            if (message.inputScaling != null && $Object.hasOwnProperty.call(message, "inputScaling"))
                object.inputScaling = message.inputScaling;
            if (message.trainLimit != null && $Object.hasOwnProperty.call(message, "trainLimit"))
                object.trainLimit = message.trainLimit;
            if (message.testLimit != null && $Object.hasOwnProperty.call(message, "testLimit"))
                object.testLimit = message.testLimit;
            if (message.maxSteps != null && $Object.hasOwnProperty.call(message, "maxSteps"))
                object.maxSteps = message.maxSteps;
            return object;
        };

        /**
         * Converts this TrainConfig to JSON.
         * @function toJSON
         * @memberof dpt.TrainConfig
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        TrainConfig.prototype.toJSON = function() {
            return TrainConfig.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for TrainConfig
         * @function getTypeUrl
         * @memberof dpt.TrainConfig
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        TrainConfig.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.TrainConfig";
        };

        return TrainConfig;
    })();

    dpt.DatasetRef = (function() {

        /**
         * Properties of a DatasetRef.
         * @typedef {Object} dpt.DatasetRef.$Properties
         * @property {string|null} [name] DatasetRef name
         * @property {string|null} [sha256] DatasetRef sha256
         * @property {number|null} [bytes] DatasetRef bytes
         * @property {number|null} [chunks] DatasetRef chunks
         * @property {number|null} [inputSize] DatasetRef inputSize
         * @property {number|null} [numClasses] DatasetRef numClasses
         * @property {number|null} [trainCount] DatasetRef trainCount
         * @property {number|null} [testCount] DatasetRef testCount
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DatasetRef.
         * @memberof dpt
         * @interface IDatasetRef
         * @augments dpt.DatasetRef.$Properties
         * @deprecated Use dpt.DatasetRef.$Properties instead.
         */

        /**
         * Shape of a DatasetRef.
         * @typedef {dpt.DatasetRef.$Properties} dpt.DatasetRef.$Shape
         */

        /**
         * Constructs a new DatasetRef.
         * @memberof dpt
         * @classdesc Represents a DatasetRef.
         * @constructor
         * @param {dpt.DatasetRef.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const DatasetRef = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * DatasetRef name.
         * @member {string} name
         * @memberof dpt.DatasetRef
         * @instance
         */
        DatasetRef.prototype.name = "";

        /**
         * DatasetRef sha256.
         * @member {string} sha256
         * @memberof dpt.DatasetRef
         * @instance
         */
        DatasetRef.prototype.sha256 = "";

        /**
         * DatasetRef bytes.
         * @member {number} bytes
         * @memberof dpt.DatasetRef
         * @instance
         */
        DatasetRef.prototype.bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * DatasetRef chunks.
         * @member {number} chunks
         * @memberof dpt.DatasetRef
         * @instance
         */
        DatasetRef.prototype.chunks = 0;

        /**
         * DatasetRef inputSize.
         * @member {number} inputSize
         * @memberof dpt.DatasetRef
         * @instance
         */
        DatasetRef.prototype.inputSize = 0;

        /**
         * DatasetRef numClasses.
         * @member {number} numClasses
         * @memberof dpt.DatasetRef
         * @instance
         */
        DatasetRef.prototype.numClasses = 0;

        /**
         * DatasetRef trainCount.
         * @member {number} trainCount
         * @memberof dpt.DatasetRef
         * @instance
         */
        DatasetRef.prototype.trainCount = 0;

        /**
         * DatasetRef testCount.
         * @member {number} testCount
         * @memberof dpt.DatasetRef
         * @instance
         */
        DatasetRef.prototype.testCount = 0;

        /**
         * Creates a new DatasetRef instance using the specified properties.
         * @function create
         * @memberof dpt.DatasetRef
         * @static
         * @param {dpt.DatasetRef.$Properties=} [properties] Properties to set
         * @returns {dpt.DatasetRef} DatasetRef instance
         * @type {{
         *   (properties: dpt.DatasetRef.$Shape): dpt.DatasetRef & dpt.DatasetRef.$Shape;
         *   (properties?: dpt.DatasetRef.$Properties): dpt.DatasetRef;
         * }}
         */
        DatasetRef.create = function(properties) {
            return new DatasetRef(properties);
        };

        /**
         * Encodes the specified DatasetRef message. Does not implicitly {@link dpt.DatasetRef.verify|verify} messages.
         * @function encode
         * @memberof dpt.DatasetRef
         * @static
         * @param {dpt.DatasetRef.$Properties} message DatasetRef message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DatasetRef.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
            if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256 !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.sha256);
            if (message.bytes != null && $Object.hasOwnProperty.call(message, "bytes") && (typeof message.bytes === "object" ? message.bytes.low || message.bytes.high : message.bytes !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.bytes);
            if (message.chunks != null && $Object.hasOwnProperty.call(message, "chunks") && message.chunks !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.chunks);
            if (message.inputSize != null && $Object.hasOwnProperty.call(message, "inputSize") && message.inputSize !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.inputSize);
            if (message.numClasses != null && $Object.hasOwnProperty.call(message, "numClasses") && message.numClasses !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.numClasses);
            if (message.trainCount != null && $Object.hasOwnProperty.call(message, "trainCount") && message.trainCount !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.trainCount);
            if (message.testCount != null && $Object.hasOwnProperty.call(message, "testCount") && message.testCount !== 0)
                writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.testCount);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified DatasetRef message, length delimited. Does not implicitly {@link dpt.DatasetRef.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.DatasetRef
         * @static
         * @param {dpt.DatasetRef.$Properties} message DatasetRef message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DatasetRef.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a DatasetRef message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.DatasetRef
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.DatasetRef & dpt.DatasetRef.$Shape} DatasetRef
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DatasetRef.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.DatasetRef();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.sha256 = value;
                        else
                            delete message.sha256;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.bytes = value;
                        else
                            delete message.bytes;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.chunks = value;
                        else
                            delete message.chunks;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.inputSize = value;
                        else
                            delete message.inputSize;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.numClasses = value;
                        else
                            delete message.numClasses;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.trainCount = value;
                        else
                            delete message.trainCount;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.testCount = value;
                        else
                            delete message.testCount;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a DatasetRef message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.DatasetRef
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.DatasetRef & dpt.DatasetRef.$Shape} DatasetRef
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DatasetRef.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a DatasetRef message.
         * @function verify
         * @memberof dpt.DatasetRef
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        DatasetRef.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                if (!$util.isString(message.sha256))
                    return "sha256: string expected";
            if (message.bytes != null && $Object.hasOwnProperty.call(message, "bytes"))
                if (!$util.isInteger(message.bytes) && !(message.bytes && $util.isInteger(message.bytes.low) && $util.isInteger(message.bytes.high)))
                    return "bytes: integer|Long expected";
            if (message.chunks != null && $Object.hasOwnProperty.call(message, "chunks"))
                if (!$util.isInteger(message.chunks))
                    return "chunks: integer expected";
            if (message.inputSize != null && $Object.hasOwnProperty.call(message, "inputSize"))
                if (!$util.isInteger(message.inputSize))
                    return "inputSize: integer expected";
            if (message.numClasses != null && $Object.hasOwnProperty.call(message, "numClasses"))
                if (!$util.isInteger(message.numClasses))
                    return "numClasses: integer expected";
            if (message.trainCount != null && $Object.hasOwnProperty.call(message, "trainCount"))
                if (!$util.isInteger(message.trainCount))
                    return "trainCount: integer expected";
            if (message.testCount != null && $Object.hasOwnProperty.call(message, "testCount"))
                if (!$util.isInteger(message.testCount))
                    return "testCount: integer expected";
            return null;
        };

        /**
         * Creates a DatasetRef message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.DatasetRef
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.DatasetRef} DatasetRef
         */
        DatasetRef.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.DatasetRef)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.DatasetRef: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.DatasetRef();
            if (object.name != null)
                if (typeof object.name !== "string" || object.name.length)
                    message.name = $String(object.name);
            if (object.sha256 != null)
                if (typeof object.sha256 !== "string" || object.sha256.length)
                    message.sha256 = $String(object.sha256);
            if (object.bytes != null)
                if (typeof object.bytes === "object" ? object.bytes.low || object.bytes.high : $Number(object.bytes) !== 0)
                    if ($util.Long)
                        message.bytes = $util.Long.fromValue(object.bytes, true);
                    else if (typeof object.bytes === "string")
                        message.bytes = $parseInt(object.bytes, 10);
                    else if (typeof object.bytes === "number")
                        message.bytes = object.bytes;
                    else if (typeof object.bytes === "object")
                        message.bytes = new $util.LongBits(object.bytes.low >>> 0, object.bytes.high >>> 0).toNumber(true);
            if (object.chunks != null)
                if ($Number(object.chunks) !== 0)
                    message.chunks = object.chunks >>> 0;
            if (object.inputSize != null)
                if ($Number(object.inputSize) !== 0)
                    message.inputSize = object.inputSize >>> 0;
            if (object.numClasses != null)
                if ($Number(object.numClasses) !== 0)
                    message.numClasses = object.numClasses >>> 0;
            if (object.trainCount != null)
                if ($Number(object.trainCount) !== 0)
                    message.trainCount = object.trainCount >>> 0;
            if (object.testCount != null)
                if ($Number(object.testCount) !== 0)
                    message.testCount = object.testCount >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a DatasetRef message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.DatasetRef
         * @static
         * @param {dpt.DatasetRef} message DatasetRef
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        DatasetRef.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.name = "";
                object.sha256 = "";
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.bytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.bytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.chunks = 0;
                object.inputSize = 0;
                object.numClasses = 0;
                object.trainCount = 0;
                object.testCount = 0;
            }
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                object.sha256 = message.sha256;
            if (message.bytes != null && $Object.hasOwnProperty.call(message, "bytes"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.bytes = typeof message.bytes === "number" ? $BigInt(message.bytes) : $util.Long.fromBits(message.bytes.low >>> 0, message.bytes.high >>> 0, true).toBigInt();
                else if (typeof message.bytes === "number")
                    object.bytes = options.longs === $String ? $String(message.bytes) : message.bytes;
                else
                    object.bytes = options.longs === $String ? $util.Long.prototype.toString.call(message.bytes) : options.longs === $Number ? new $util.LongBits(message.bytes.low >>> 0, message.bytes.high >>> 0).toNumber(true) : message.bytes;
            if (message.chunks != null && $Object.hasOwnProperty.call(message, "chunks"))
                object.chunks = message.chunks;
            if (message.inputSize != null && $Object.hasOwnProperty.call(message, "inputSize"))
                object.inputSize = message.inputSize;
            if (message.numClasses != null && $Object.hasOwnProperty.call(message, "numClasses"))
                object.numClasses = message.numClasses;
            if (message.trainCount != null && $Object.hasOwnProperty.call(message, "trainCount"))
                object.trainCount = message.trainCount;
            if (message.testCount != null && $Object.hasOwnProperty.call(message, "testCount"))
                object.testCount = message.testCount;
            return object;
        };

        /**
         * Converts this DatasetRef to JSON.
         * @function toJSON
         * @memberof dpt.DatasetRef
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        DatasetRef.prototype.toJSON = function() {
            return DatasetRef.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for DatasetRef
         * @function getTypeUrl
         * @memberof dpt.DatasetRef
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        DatasetRef.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.DatasetRef";
        };

        return DatasetRef;
    })();

    dpt.DatasetBlob = (function() {

        /**
         * Properties of a DatasetBlob.
         * @typedef {Object} dpt.DatasetBlob.$Properties
         * @property {string|null} [name] DatasetBlob name
         * @property {number|null} [inputSize] DatasetBlob inputSize
         * @property {number|null} [numClasses] DatasetBlob numClasses
         * @property {number|null} [maxValue] DatasetBlob maxValue
         * @property {string|null} [inputType] DatasetBlob inputType
         * @property {Uint8Array|null} [trainInputs] DatasetBlob trainInputs
         * @property {Uint8Array|null} [trainLabels] DatasetBlob trainLabels
         * @property {Uint8Array|null} [testInputs] DatasetBlob testInputs
         * @property {Uint8Array|null} [testLabels] DatasetBlob testLabels
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DatasetBlob.
         * @memberof dpt
         * @interface IDatasetBlob
         * @augments dpt.DatasetBlob.$Properties
         * @deprecated Use dpt.DatasetBlob.$Properties instead.
         */

        /**
         * Shape of a DatasetBlob.
         * @typedef {dpt.DatasetBlob.$Properties} dpt.DatasetBlob.$Shape
         */

        /**
         * Constructs a new DatasetBlob.
         * @memberof dpt
         * @classdesc Represents a DatasetBlob.
         * @constructor
         * @param {dpt.DatasetBlob.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const DatasetBlob = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * DatasetBlob name.
         * @member {string} name
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.name = "";

        /**
         * DatasetBlob inputSize.
         * @member {number} inputSize
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.inputSize = 0;

        /**
         * DatasetBlob numClasses.
         * @member {number} numClasses
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.numClasses = 0;

        /**
         * DatasetBlob maxValue.
         * @member {number} maxValue
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.maxValue = 0;

        /**
         * DatasetBlob inputType.
         * @member {string} inputType
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.inputType = "";

        /**
         * DatasetBlob trainInputs.
         * @member {Uint8Array} trainInputs
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.trainInputs = $util.newBuffer([]);

        /**
         * DatasetBlob trainLabels.
         * @member {Uint8Array} trainLabels
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.trainLabels = $util.newBuffer([]);

        /**
         * DatasetBlob testInputs.
         * @member {Uint8Array} testInputs
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.testInputs = $util.newBuffer([]);

        /**
         * DatasetBlob testLabels.
         * @member {Uint8Array} testLabels
         * @memberof dpt.DatasetBlob
         * @instance
         */
        DatasetBlob.prototype.testLabels = $util.newBuffer([]);

        /**
         * Creates a new DatasetBlob instance using the specified properties.
         * @function create
         * @memberof dpt.DatasetBlob
         * @static
         * @param {dpt.DatasetBlob.$Properties=} [properties] Properties to set
         * @returns {dpt.DatasetBlob} DatasetBlob instance
         * @type {{
         *   (properties: dpt.DatasetBlob.$Shape): dpt.DatasetBlob & dpt.DatasetBlob.$Shape;
         *   (properties?: dpt.DatasetBlob.$Properties): dpt.DatasetBlob;
         * }}
         */
        DatasetBlob.create = function(properties) {
            return new DatasetBlob(properties);
        };

        /**
         * Encodes the specified DatasetBlob message. Does not implicitly {@link dpt.DatasetBlob.verify|verify} messages.
         * @function encode
         * @memberof dpt.DatasetBlob
         * @static
         * @param {dpt.DatasetBlob.$Properties} message DatasetBlob message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DatasetBlob.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
            if (message.inputSize != null && $Object.hasOwnProperty.call(message, "inputSize") && message.inputSize !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.inputSize);
            if (message.numClasses != null && $Object.hasOwnProperty.call(message, "numClasses") && message.numClasses !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.numClasses);
            if (message.maxValue != null && $Object.hasOwnProperty.call(message, "maxValue") && !$Object.is(message.maxValue, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.maxValue);
            if (message.inputType != null && $Object.hasOwnProperty.call(message, "inputType") && message.inputType !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.inputType);
            if (message.trainInputs != null && $Object.hasOwnProperty.call(message, "trainInputs") && message.trainInputs.length)
                writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.trainInputs);
            if (message.trainLabels != null && $Object.hasOwnProperty.call(message, "trainLabels") && message.trainLabels.length)
                writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.trainLabels);
            if (message.testInputs != null && $Object.hasOwnProperty.call(message, "testInputs") && message.testInputs.length)
                writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.testInputs);
            if (message.testLabels != null && $Object.hasOwnProperty.call(message, "testLabels") && message.testLabels.length)
                writer.uint32(/* id 9, wireType 2 =*/74).bytes(message.testLabels);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified DatasetBlob message, length delimited. Does not implicitly {@link dpt.DatasetBlob.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.DatasetBlob
         * @static
         * @param {dpt.DatasetBlob.$Properties} message DatasetBlob message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DatasetBlob.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a DatasetBlob message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.DatasetBlob
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.DatasetBlob & dpt.DatasetBlob.$Shape} DatasetBlob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DatasetBlob.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.DatasetBlob();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.inputSize = value;
                        else
                            delete message.inputSize;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.numClasses = value;
                        else
                            delete message.numClasses;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.maxValue = value;
                        else
                            delete message.maxValue;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.inputType = value;
                        else
                            delete message.inputType;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.trainInputs = value;
                        else
                            delete message.trainInputs;
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.trainLabels = value;
                        else
                            delete message.trainLabels;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.testInputs = value;
                        else
                            delete message.testInputs;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.testLabels = value;
                        else
                            delete message.testLabels;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a DatasetBlob message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.DatasetBlob
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.DatasetBlob & dpt.DatasetBlob.$Shape} DatasetBlob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DatasetBlob.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a DatasetBlob message.
         * @function verify
         * @memberof dpt.DatasetBlob
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        DatasetBlob.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            if (message.inputSize != null && $Object.hasOwnProperty.call(message, "inputSize"))
                if (!$util.isInteger(message.inputSize))
                    return "inputSize: integer expected";
            if (message.numClasses != null && $Object.hasOwnProperty.call(message, "numClasses"))
                if (!$util.isInteger(message.numClasses))
                    return "numClasses: integer expected";
            if (message.maxValue != null && $Object.hasOwnProperty.call(message, "maxValue"))
                if (typeof message.maxValue !== "number")
                    return "maxValue: number expected";
            if (message.inputType != null && $Object.hasOwnProperty.call(message, "inputType"))
                if (!$util.isString(message.inputType))
                    return "inputType: string expected";
            if (message.trainInputs != null && $Object.hasOwnProperty.call(message, "trainInputs"))
                if (!(message.trainInputs && typeof message.trainInputs.length === "number" || $util.isString(message.trainInputs)))
                    return "trainInputs: buffer expected";
            if (message.trainLabels != null && $Object.hasOwnProperty.call(message, "trainLabels"))
                if (!(message.trainLabels && typeof message.trainLabels.length === "number" || $util.isString(message.trainLabels)))
                    return "trainLabels: buffer expected";
            if (message.testInputs != null && $Object.hasOwnProperty.call(message, "testInputs"))
                if (!(message.testInputs && typeof message.testInputs.length === "number" || $util.isString(message.testInputs)))
                    return "testInputs: buffer expected";
            if (message.testLabels != null && $Object.hasOwnProperty.call(message, "testLabels"))
                if (!(message.testLabels && typeof message.testLabels.length === "number" || $util.isString(message.testLabels)))
                    return "testLabels: buffer expected";
            return null;
        };

        /**
         * Creates a DatasetBlob message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.DatasetBlob
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.DatasetBlob} DatasetBlob
         */
        DatasetBlob.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.DatasetBlob)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.DatasetBlob: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.DatasetBlob();
            if (object.name != null)
                if (typeof object.name !== "string" || object.name.length)
                    message.name = $String(object.name);
            if (object.inputSize != null)
                if ($Number(object.inputSize) !== 0)
                    message.inputSize = object.inputSize >>> 0;
            if (object.numClasses != null)
                if ($Number(object.numClasses) !== 0)
                    message.numClasses = object.numClasses >>> 0;
            if (object.maxValue != null)
                if (!$Object.is($Number(object.maxValue), 0))
                    message.maxValue = $Number(object.maxValue);
            if (object.inputType != null)
                if (typeof object.inputType !== "string" || object.inputType.length)
                    message.inputType = $String(object.inputType);
            if (object.trainInputs != null)
                if (object.trainInputs.length)
                    if (typeof object.trainInputs === "string")
                        $util.base64.decode(object.trainInputs, message.trainInputs = $util.newBuffer($util.base64.length(object.trainInputs)), 0);
                    else if (object.trainInputs.length >= 0)
                        message.trainInputs = object.trainInputs;
            if (object.trainLabels != null)
                if (object.trainLabels.length)
                    if (typeof object.trainLabels === "string")
                        $util.base64.decode(object.trainLabels, message.trainLabels = $util.newBuffer($util.base64.length(object.trainLabels)), 0);
                    else if (object.trainLabels.length >= 0)
                        message.trainLabels = object.trainLabels;
            if (object.testInputs != null)
                if (object.testInputs.length)
                    if (typeof object.testInputs === "string")
                        $util.base64.decode(object.testInputs, message.testInputs = $util.newBuffer($util.base64.length(object.testInputs)), 0);
                    else if (object.testInputs.length >= 0)
                        message.testInputs = object.testInputs;
            if (object.testLabels != null)
                if (object.testLabels.length)
                    if (typeof object.testLabels === "string")
                        $util.base64.decode(object.testLabels, message.testLabels = $util.newBuffer($util.base64.length(object.testLabels)), 0);
                    else if (object.testLabels.length >= 0)
                        message.testLabels = object.testLabels;
            return message;
        };

        /**
         * Creates a plain object from a DatasetBlob message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.DatasetBlob
         * @static
         * @param {dpt.DatasetBlob} message DatasetBlob
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        DatasetBlob.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.name = "";
                object.inputSize = 0;
                object.numClasses = 0;
                object.maxValue = 0;
                object.inputType = "";
                if (options.bytes === $String)
                    object.trainInputs = "";
                else {
                    object.trainInputs = [];
                    if (options.bytes !== $Array)
                        object.trainInputs = $util.newBuffer(object.trainInputs);
                }
                if (options.bytes === $String)
                    object.trainLabels = "";
                else {
                    object.trainLabels = [];
                    if (options.bytes !== $Array)
                        object.trainLabels = $util.newBuffer(object.trainLabels);
                }
                if (options.bytes === $String)
                    object.testInputs = "";
                else {
                    object.testInputs = [];
                    if (options.bytes !== $Array)
                        object.testInputs = $util.newBuffer(object.testInputs);
                }
                if (options.bytes === $String)
                    object.testLabels = "";
                else {
                    object.testLabels = [];
                    if (options.bytes !== $Array)
                        object.testLabels = $util.newBuffer(object.testLabels);
                }
            }
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.inputSize != null && $Object.hasOwnProperty.call(message, "inputSize"))
                object.inputSize = message.inputSize;
            if (message.numClasses != null && $Object.hasOwnProperty.call(message, "numClasses"))
                object.numClasses = message.numClasses;
            if (message.maxValue != null && $Object.hasOwnProperty.call(message, "maxValue"))
                object.maxValue = options.json && !$isFinite(message.maxValue) ? $String(message.maxValue) : message.maxValue;
            if (message.inputType != null && $Object.hasOwnProperty.call(message, "inputType"))
                object.inputType = message.inputType;
            if (message.trainInputs != null && $Object.hasOwnProperty.call(message, "trainInputs"))
                object.trainInputs = options.bytes === $String ? $util.base64.encode(message.trainInputs, 0, message.trainInputs.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.trainInputs) : message.trainInputs;
            if (message.trainLabels != null && $Object.hasOwnProperty.call(message, "trainLabels"))
                object.trainLabels = options.bytes === $String ? $util.base64.encode(message.trainLabels, 0, message.trainLabels.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.trainLabels) : message.trainLabels;
            if (message.testInputs != null && $Object.hasOwnProperty.call(message, "testInputs"))
                object.testInputs = options.bytes === $String ? $util.base64.encode(message.testInputs, 0, message.testInputs.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.testInputs) : message.testInputs;
            if (message.testLabels != null && $Object.hasOwnProperty.call(message, "testLabels"))
                object.testLabels = options.bytes === $String ? $util.base64.encode(message.testLabels, 0, message.testLabels.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.testLabels) : message.testLabels;
            return object;
        };

        /**
         * Converts this DatasetBlob to JSON.
         * @function toJSON
         * @memberof dpt.DatasetBlob
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        DatasetBlob.prototype.toJSON = function() {
            return DatasetBlob.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for DatasetBlob
         * @function getTypeUrl
         * @memberof dpt.DatasetBlob
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        DatasetBlob.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.DatasetBlob";
        };

        return DatasetBlob;
    })();

    dpt.RunSpec = (function() {

        /**
         * Properties of a RunSpec.
         * @typedef {Object} dpt.RunSpec.$Properties
         * @property {string|null} [runId] RunSpec runId
         * @property {dpt.TrainConfig.$Properties|null} [config] RunSpec config
         * @property {dpt.DatasetRef.$Properties|null} [dataset] RunSpec dataset
         * @property {number|null} [paramCount] RunSpec paramCount
         * @property {string|null} [createdBy] RunSpec createdBy
         * @property {string|null} [dispatch] RunSpec dispatch
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RunSpec.
         * @memberof dpt
         * @interface IRunSpec
         * @augments dpt.RunSpec.$Properties
         * @deprecated Use dpt.RunSpec.$Properties instead.
         */

        /**
         * Shape of a RunSpec.
         * @typedef {dpt.RunSpec.$Properties} dpt.RunSpec.$Shape
         */

        /**
         * Constructs a new RunSpec.
         * @memberof dpt
         * @classdesc Represents a RunSpec.
         * @constructor
         * @param {dpt.RunSpec.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RunSpec = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RunSpec runId.
         * @member {string} runId
         * @memberof dpt.RunSpec
         * @instance
         */
        RunSpec.prototype.runId = "";

        /**
         * RunSpec config.
         * @member {dpt.TrainConfig.$Properties|null|undefined} config
         * @memberof dpt.RunSpec
         * @instance
         */
        RunSpec.prototype.config = null;

        /**
         * RunSpec dataset.
         * @member {dpt.DatasetRef.$Properties|null|undefined} dataset
         * @memberof dpt.RunSpec
         * @instance
         */
        RunSpec.prototype.dataset = null;

        /**
         * RunSpec paramCount.
         * @member {number} paramCount
         * @memberof dpt.RunSpec
         * @instance
         */
        RunSpec.prototype.paramCount = 0;

        /**
         * RunSpec createdBy.
         * @member {string} createdBy
         * @memberof dpt.RunSpec
         * @instance
         */
        RunSpec.prototype.createdBy = "";

        /**
         * RunSpec dispatch.
         * @member {string} dispatch
         * @memberof dpt.RunSpec
         * @instance
         */
        RunSpec.prototype.dispatch = "";

        /**
         * Creates a new RunSpec instance using the specified properties.
         * @function create
         * @memberof dpt.RunSpec
         * @static
         * @param {dpt.RunSpec.$Properties=} [properties] Properties to set
         * @returns {dpt.RunSpec} RunSpec instance
         * @type {{
         *   (properties: dpt.RunSpec.$Shape): dpt.RunSpec & dpt.RunSpec.$Shape;
         *   (properties?: dpt.RunSpec.$Properties): dpt.RunSpec;
         * }}
         */
        RunSpec.create = function(properties) {
            return new RunSpec(properties);
        };

        /**
         * Encodes the specified RunSpec message. Does not implicitly {@link dpt.RunSpec.verify|verify} messages.
         * @function encode
         * @memberof dpt.RunSpec
         * @static
         * @param {dpt.RunSpec.$Properties} message RunSpec message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RunSpec.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.runId);
            if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                $root.dpt.TrainConfig.encode(message.config, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset"))
                $root.dpt.DatasetRef.encode(message.dataset, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.paramCount != null && $Object.hasOwnProperty.call(message, "paramCount") && message.paramCount !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.paramCount);
            if (message.createdBy != null && $Object.hasOwnProperty.call(message, "createdBy") && message.createdBy !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.createdBy);
            if (message.dispatch != null && $Object.hasOwnProperty.call(message, "dispatch") && message.dispatch !== "")
                writer.uint32(/* id 6, wireType 2 =*/50).string(message.dispatch);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified RunSpec message, length delimited. Does not implicitly {@link dpt.RunSpec.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.RunSpec
         * @static
         * @param {dpt.RunSpec.$Properties} message RunSpec message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RunSpec.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a RunSpec message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.RunSpec
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.RunSpec & dpt.RunSpec.$Shape} RunSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RunSpec.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.RunSpec();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runId = value;
                        else
                            delete message.runId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.config = $root.dpt.TrainConfig.decode(reader, reader.size(), $undefined, _depth + 1, message.config);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.dataset = $root.dpt.DatasetRef.decode(reader, reader.size(), $undefined, _depth + 1, message.dataset);
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.paramCount = value;
                        else
                            delete message.paramCount;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.createdBy = value;
                        else
                            delete message.createdBy;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.dispatch = value;
                        else
                            delete message.dispatch;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a RunSpec message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.RunSpec
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.RunSpec & dpt.RunSpec.$Shape} RunSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RunSpec.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a RunSpec message.
         * @function verify
         * @memberof dpt.RunSpec
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        RunSpec.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                if (!$util.isString(message.runId))
                    return "runId: string expected";
            if (message.config != null && $Object.hasOwnProperty.call(message, "config")) {
                let error = $root.dpt.TrainConfig.verify(message.config, _depth + 1);
                if (error)
                    return "config." + error;
            }
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset")) {
                let error = $root.dpt.DatasetRef.verify(message.dataset, _depth + 1);
                if (error)
                    return "dataset." + error;
            }
            if (message.paramCount != null && $Object.hasOwnProperty.call(message, "paramCount"))
                if (!$util.isInteger(message.paramCount))
                    return "paramCount: integer expected";
            if (message.createdBy != null && $Object.hasOwnProperty.call(message, "createdBy"))
                if (!$util.isString(message.createdBy))
                    return "createdBy: string expected";
            if (message.dispatch != null && $Object.hasOwnProperty.call(message, "dispatch"))
                if (!$util.isString(message.dispatch))
                    return "dispatch: string expected";
            return null;
        };

        /**
         * Creates a RunSpec message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.RunSpec
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.RunSpec} RunSpec
         */
        RunSpec.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.RunSpec)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.RunSpec: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.RunSpec();
            if (object.runId != null)
                if (typeof object.runId !== "string" || object.runId.length)
                    message.runId = $String(object.runId);
            if (object.config != null) {
                if (!$util.isObject(object.config))
                    throw $TypeError(".dpt.RunSpec.config: object expected");
                message.config = $root.dpt.TrainConfig.fromObject(object.config, _depth + 1);
            }
            if (object.dataset != null) {
                if (!$util.isObject(object.dataset))
                    throw $TypeError(".dpt.RunSpec.dataset: object expected");
                message.dataset = $root.dpt.DatasetRef.fromObject(object.dataset, _depth + 1);
            }
            if (object.paramCount != null)
                if ($Number(object.paramCount) !== 0)
                    message.paramCount = object.paramCount >>> 0;
            if (object.createdBy != null)
                if (typeof object.createdBy !== "string" || object.createdBy.length)
                    message.createdBy = $String(object.createdBy);
            if (object.dispatch != null)
                if (typeof object.dispatch !== "string" || object.dispatch.length)
                    message.dispatch = $String(object.dispatch);
            return message;
        };

        /**
         * Creates a plain object from a RunSpec message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.RunSpec
         * @static
         * @param {dpt.RunSpec} message RunSpec
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        RunSpec.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.runId = "";
                object.config = null;
                object.dataset = null;
                object.paramCount = 0;
                object.createdBy = "";
                object.dispatch = "";
            }
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                object.runId = message.runId;
            if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                object.config = $root.dpt.TrainConfig.toObject(message.config, options, _depth + 1);
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset"))
                object.dataset = $root.dpt.DatasetRef.toObject(message.dataset, options, _depth + 1);
            if (message.paramCount != null && $Object.hasOwnProperty.call(message, "paramCount"))
                object.paramCount = message.paramCount;
            if (message.createdBy != null && $Object.hasOwnProperty.call(message, "createdBy"))
                object.createdBy = message.createdBy;
            if (message.dispatch != null && $Object.hasOwnProperty.call(message, "dispatch"))
                object.dispatch = message.dispatch;
            return object;
        };

        /**
         * Converts this RunSpec to JSON.
         * @function toJSON
         * @memberof dpt.RunSpec
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        RunSpec.prototype.toJSON = function() {
            return RunSpec.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for RunSpec
         * @function getTypeUrl
         * @memberof dpt.RunSpec
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        RunSpec.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.RunSpec";
        };

        return RunSpec;
    })();

    dpt.ShardResult = (function() {

        /**
         * Properties of a ShardResult.
         * @typedef {Object} dpt.ShardResult.$Properties
         * @property {string|null} [runId] ShardResult runId
         * @property {number|null} [step] ShardResult step
         * @property {number|null} [shard] ShardResult shard
         * @property {number|null} [version] ShardResult version
         * @property {number|null} [samples] ShardResult samples
         * @property {number|null} [errorSum] ShardResult errorSum
         * @property {number|null} [correct] ShardResult correct
         * @property {Uint8Array|null} [gradient] ShardResult gradient
         * @property {string|null} [worker] ShardResult worker
         * @property {Uint8Array|null} [pad] ShardResult pad
         * @property {number|null} [crc32] ShardResult crc32
         * @property {number|null} [computeSeconds] ShardResult computeSeconds
         * @property {string|null} [host] ShardResult host
         * @property {number|null} [shardCount] ShardResult shardCount
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ShardResult.
         * @memberof dpt
         * @interface IShardResult
         * @augments dpt.ShardResult.$Properties
         * @deprecated Use dpt.ShardResult.$Properties instead.
         */

        /**
         * Shape of a ShardResult.
         * @typedef {dpt.ShardResult.$Properties} dpt.ShardResult.$Shape
         */

        /**
         * Constructs a new ShardResult.
         * @memberof dpt
         * @classdesc Represents a ShardResult.
         * @constructor
         * @param {dpt.ShardResult.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ShardResult = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ShardResult runId.
         * @member {string} runId
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.runId = "";

        /**
         * ShardResult step.
         * @member {number} step
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.step = 0;

        /**
         * ShardResult shard.
         * @member {number} shard
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.shard = 0;

        /**
         * ShardResult version.
         * @member {number} version
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.version = 0;

        /**
         * ShardResult samples.
         * @member {number} samples
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.samples = 0;

        /**
         * ShardResult errorSum.
         * @member {number} errorSum
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.errorSum = 0;

        /**
         * ShardResult correct.
         * @member {number} correct
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.correct = 0;

        /**
         * ShardResult gradient.
         * @member {Uint8Array} gradient
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.gradient = $util.newBuffer([]);

        /**
         * ShardResult worker.
         * @member {string} worker
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.worker = "";

        /**
         * ShardResult pad.
         * @member {Uint8Array} pad
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.pad = $util.newBuffer([]);

        /**
         * ShardResult crc32.
         * @member {number} crc32
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.crc32 = 0;

        /**
         * ShardResult computeSeconds.
         * @member {number} computeSeconds
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.computeSeconds = 0;

        /**
         * ShardResult host.
         * @member {string} host
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.host = "";

        /**
         * ShardResult shardCount.
         * @member {number} shardCount
         * @memberof dpt.ShardResult
         * @instance
         */
        ShardResult.prototype.shardCount = 0;

        /**
         * Creates a new ShardResult instance using the specified properties.
         * @function create
         * @memberof dpt.ShardResult
         * @static
         * @param {dpt.ShardResult.$Properties=} [properties] Properties to set
         * @returns {dpt.ShardResult} ShardResult instance
         * @type {{
         *   (properties: dpt.ShardResult.$Shape): dpt.ShardResult & dpt.ShardResult.$Shape;
         *   (properties?: dpt.ShardResult.$Properties): dpt.ShardResult;
         * }}
         */
        ShardResult.create = function(properties) {
            return new ShardResult(properties);
        };

        /**
         * Encodes the specified ShardResult message. Does not implicitly {@link dpt.ShardResult.verify|verify} messages.
         * @function encode
         * @memberof dpt.ShardResult
         * @static
         * @param {dpt.ShardResult.$Properties} message ShardResult message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ShardResult.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.runId);
            if (message.step != null && $Object.hasOwnProperty.call(message, "step") && message.step !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.step);
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard") && message.shard !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.shard);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.version);
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples") && message.samples !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.samples);
            if (message.errorSum != null && $Object.hasOwnProperty.call(message, "errorSum") && !$Object.is(message.errorSum, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.errorSum);
            if (message.correct != null && $Object.hasOwnProperty.call(message, "correct") && message.correct !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.correct);
            if (message.gradient != null && $Object.hasOwnProperty.call(message, "gradient") && message.gradient.length)
                writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.gradient);
            if (message.worker != null && $Object.hasOwnProperty.call(message, "worker") && message.worker !== "")
                writer.uint32(/* id 10, wireType 2 =*/82).string(message.worker);
            if (message.pad != null && $Object.hasOwnProperty.call(message, "pad") && message.pad.length)
                writer.uint32(/* id 11, wireType 2 =*/90).bytes(message.pad);
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32") && message.crc32 !== 0)
                writer.uint32(/* id 12, wireType 5 =*/101).fixed32(message.crc32);
            if (message.computeSeconds != null && $Object.hasOwnProperty.call(message, "computeSeconds") && !$Object.is(message.computeSeconds, 0))
                writer.uint32(/* id 13, wireType 1 =*/105).double(message.computeSeconds);
            if (message.host != null && $Object.hasOwnProperty.call(message, "host") && message.host !== "")
                writer.uint32(/* id 14, wireType 2 =*/114).string(message.host);
            if (message.shardCount != null && $Object.hasOwnProperty.call(message, "shardCount") && message.shardCount !== 0)
                writer.uint32(/* id 15, wireType 0 =*/120).uint32(message.shardCount);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified ShardResult message, length delimited. Does not implicitly {@link dpt.ShardResult.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.ShardResult
         * @static
         * @param {dpt.ShardResult.$Properties} message ShardResult message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ShardResult.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a ShardResult message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.ShardResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.ShardResult & dpt.ShardResult.$Shape} ShardResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ShardResult.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.ShardResult();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runId = value;
                        else
                            delete message.runId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.step = value;
                        else
                            delete message.step;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.shard = value;
                        else
                            delete message.shard;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.version = value;
                        else
                            delete message.version;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.samples = value;
                        else
                            delete message.samples;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.errorSum = value;
                        else
                            delete message.errorSum;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.correct = value;
                        else
                            delete message.correct;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.gradient = value;
                        else
                            delete message.gradient;
                        continue;
                    }
                case 10: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.worker = value;
                        else
                            delete message.worker;
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.pad = value;
                        else
                            delete message.pad;
                        continue;
                    }
                case 12: {
                        if (wireType !== 5)
                            break;
                        if (value = reader.fixed32())
                            message.crc32 = value;
                        else
                            delete message.crc32;
                        continue;
                    }
                case 13: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.computeSeconds = value;
                        else
                            delete message.computeSeconds;
                        continue;
                    }
                case 14: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.host = value;
                        else
                            delete message.host;
                        continue;
                    }
                case 15: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.shardCount = value;
                        else
                            delete message.shardCount;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a ShardResult message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.ShardResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.ShardResult & dpt.ShardResult.$Shape} ShardResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ShardResult.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a ShardResult message.
         * @function verify
         * @memberof dpt.ShardResult
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ShardResult.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                if (!$util.isString(message.runId))
                    return "runId: string expected";
            if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                if (!$util.isInteger(message.step))
                    return "step: integer expected";
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                if (!$util.isInteger(message.shard))
                    return "shard: integer expected";
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                if (!$util.isInteger(message.version))
                    return "version: integer expected";
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples"))
                if (!$util.isInteger(message.samples))
                    return "samples: integer expected";
            if (message.errorSum != null && $Object.hasOwnProperty.call(message, "errorSum"))
                if (typeof message.errorSum !== "number")
                    return "errorSum: number expected";
            if (message.correct != null && $Object.hasOwnProperty.call(message, "correct"))
                if (!$util.isInteger(message.correct))
                    return "correct: integer expected";
            if (message.gradient != null && $Object.hasOwnProperty.call(message, "gradient"))
                if (!(message.gradient && typeof message.gradient.length === "number" || $util.isString(message.gradient)))
                    return "gradient: buffer expected";
            if (message.worker != null && $Object.hasOwnProperty.call(message, "worker"))
                if (!$util.isString(message.worker))
                    return "worker: string expected";
            if (message.pad != null && $Object.hasOwnProperty.call(message, "pad"))
                if (!(message.pad && typeof message.pad.length === "number" || $util.isString(message.pad)))
                    return "pad: buffer expected";
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32"))
                if (!$util.isInteger(message.crc32))
                    return "crc32: integer expected";
            if (message.computeSeconds != null && $Object.hasOwnProperty.call(message, "computeSeconds"))
                if (typeof message.computeSeconds !== "number")
                    return "computeSeconds: number expected";
            if (message.host != null && $Object.hasOwnProperty.call(message, "host"))
                if (!$util.isString(message.host))
                    return "host: string expected";
            if (message.shardCount != null && $Object.hasOwnProperty.call(message, "shardCount"))
                if (!$util.isInteger(message.shardCount))
                    return "shardCount: integer expected";
            return null;
        };

        /**
         * Creates a ShardResult message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.ShardResult
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.ShardResult} ShardResult
         */
        ShardResult.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.ShardResult)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.ShardResult: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.ShardResult();
            if (object.runId != null)
                if (typeof object.runId !== "string" || object.runId.length)
                    message.runId = $String(object.runId);
            if (object.step != null)
                if ($Number(object.step) !== 0)
                    message.step = object.step >>> 0;
            if (object.shard != null)
                if ($Number(object.shard) !== 0)
                    message.shard = object.shard >>> 0;
            if (object.version != null)
                if ($Number(object.version) !== 0)
                    message.version = object.version >>> 0;
            if (object.samples != null)
                if ($Number(object.samples) !== 0)
                    message.samples = object.samples >>> 0;
            if (object.errorSum != null)
                if (!$Object.is($Number(object.errorSum), 0))
                    message.errorSum = $Number(object.errorSum);
            if (object.correct != null)
                if ($Number(object.correct) !== 0)
                    message.correct = object.correct >>> 0;
            if (object.gradient != null)
                if (object.gradient.length)
                    if (typeof object.gradient === "string")
                        $util.base64.decode(object.gradient, message.gradient = $util.newBuffer($util.base64.length(object.gradient)), 0);
                    else if (object.gradient.length >= 0)
                        message.gradient = object.gradient;
            if (object.worker != null)
                if (typeof object.worker !== "string" || object.worker.length)
                    message.worker = $String(object.worker);
            if (object.pad != null)
                if (object.pad.length)
                    if (typeof object.pad === "string")
                        $util.base64.decode(object.pad, message.pad = $util.newBuffer($util.base64.length(object.pad)), 0);
                    else if (object.pad.length >= 0)
                        message.pad = object.pad;
            if (object.crc32 != null)
                if ($Number(object.crc32) !== 0)
                    message.crc32 = object.crc32 >>> 0;
            if (object.computeSeconds != null)
                if (!$Object.is($Number(object.computeSeconds), 0))
                    message.computeSeconds = $Number(object.computeSeconds);
            if (object.host != null)
                if (typeof object.host !== "string" || object.host.length)
                    message.host = $String(object.host);
            if (object.shardCount != null)
                if ($Number(object.shardCount) !== 0)
                    message.shardCount = object.shardCount >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a ShardResult message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.ShardResult
         * @static
         * @param {dpt.ShardResult} message ShardResult
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ShardResult.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.runId = "";
                object.step = 0;
                object.shard = 0;
                object.version = 0;
                object.samples = 0;
                object.errorSum = 0;
                object.correct = 0;
                if (options.bytes === $String)
                    object.gradient = "";
                else {
                    object.gradient = [];
                    if (options.bytes !== $Array)
                        object.gradient = $util.newBuffer(object.gradient);
                }
                object.worker = "";
                if (options.bytes === $String)
                    object.pad = "";
                else {
                    object.pad = [];
                    if (options.bytes !== $Array)
                        object.pad = $util.newBuffer(object.pad);
                }
                object.crc32 = 0;
                object.computeSeconds = 0;
                object.host = "";
                object.shardCount = 0;
            }
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                object.runId = message.runId;
            if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                object.step = message.step;
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                object.shard = message.shard;
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                object.version = message.version;
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples"))
                object.samples = message.samples;
            if (message.errorSum != null && $Object.hasOwnProperty.call(message, "errorSum"))
                object.errorSum = options.json && !$isFinite(message.errorSum) ? $String(message.errorSum) : message.errorSum;
            if (message.correct != null && $Object.hasOwnProperty.call(message, "correct"))
                object.correct = message.correct;
            if (message.gradient != null && $Object.hasOwnProperty.call(message, "gradient"))
                object.gradient = options.bytes === $String ? $util.base64.encode(message.gradient, 0, message.gradient.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.gradient) : message.gradient;
            if (message.worker != null && $Object.hasOwnProperty.call(message, "worker"))
                object.worker = message.worker;
            if (message.pad != null && $Object.hasOwnProperty.call(message, "pad"))
                object.pad = options.bytes === $String ? $util.base64.encode(message.pad, 0, message.pad.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.pad) : message.pad;
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32"))
                object.crc32 = message.crc32;
            if (message.computeSeconds != null && $Object.hasOwnProperty.call(message, "computeSeconds"))
                object.computeSeconds = options.json && !$isFinite(message.computeSeconds) ? $String(message.computeSeconds) : message.computeSeconds;
            if (message.host != null && $Object.hasOwnProperty.call(message, "host"))
                object.host = message.host;
            if (message.shardCount != null && $Object.hasOwnProperty.call(message, "shardCount"))
                object.shardCount = message.shardCount;
            return object;
        };

        /**
         * Converts this ShardResult to JSON.
         * @function toJSON
         * @memberof dpt.ShardResult
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ShardResult.prototype.toJSON = function() {
            return ShardResult.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ShardResult
         * @function getTypeUrl
         * @memberof dpt.ShardResult
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ShardResult.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.ShardResult";
        };

        return ShardResult;
    })();

    dpt.ShardFailure = (function() {

        /**
         * Properties of a ShardFailure.
         * @typedef {Object} dpt.ShardFailure.$Properties
         * @property {string|null} [runId] ShardFailure runId
         * @property {number|null} [step] ShardFailure step
         * @property {number|null} [shard] ShardFailure shard
         * @property {string|null} [reason] ShardFailure reason
         * @property {string|null} [worker] ShardFailure worker
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ShardFailure.
         * @memberof dpt
         * @interface IShardFailure
         * @augments dpt.ShardFailure.$Properties
         * @deprecated Use dpt.ShardFailure.$Properties instead.
         */

        /**
         * Shape of a ShardFailure.
         * @typedef {dpt.ShardFailure.$Properties} dpt.ShardFailure.$Shape
         */

        /**
         * Constructs a new ShardFailure.
         * @memberof dpt
         * @classdesc Represents a ShardFailure.
         * @constructor
         * @param {dpt.ShardFailure.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ShardFailure = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ShardFailure runId.
         * @member {string} runId
         * @memberof dpt.ShardFailure
         * @instance
         */
        ShardFailure.prototype.runId = "";

        /**
         * ShardFailure step.
         * @member {number} step
         * @memberof dpt.ShardFailure
         * @instance
         */
        ShardFailure.prototype.step = 0;

        /**
         * ShardFailure shard.
         * @member {number} shard
         * @memberof dpt.ShardFailure
         * @instance
         */
        ShardFailure.prototype.shard = 0;

        /**
         * ShardFailure reason.
         * @member {string} reason
         * @memberof dpt.ShardFailure
         * @instance
         */
        ShardFailure.prototype.reason = "";

        /**
         * ShardFailure worker.
         * @member {string} worker
         * @memberof dpt.ShardFailure
         * @instance
         */
        ShardFailure.prototype.worker = "";

        /**
         * Creates a new ShardFailure instance using the specified properties.
         * @function create
         * @memberof dpt.ShardFailure
         * @static
         * @param {dpt.ShardFailure.$Properties=} [properties] Properties to set
         * @returns {dpt.ShardFailure} ShardFailure instance
         * @type {{
         *   (properties: dpt.ShardFailure.$Shape): dpt.ShardFailure & dpt.ShardFailure.$Shape;
         *   (properties?: dpt.ShardFailure.$Properties): dpt.ShardFailure;
         * }}
         */
        ShardFailure.create = function(properties) {
            return new ShardFailure(properties);
        };

        /**
         * Encodes the specified ShardFailure message. Does not implicitly {@link dpt.ShardFailure.verify|verify} messages.
         * @function encode
         * @memberof dpt.ShardFailure
         * @static
         * @param {dpt.ShardFailure.$Properties} message ShardFailure message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ShardFailure.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.runId);
            if (message.step != null && $Object.hasOwnProperty.call(message, "step") && message.step !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.step);
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard") && message.shard !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.shard);
            if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
            if (message.worker != null && $Object.hasOwnProperty.call(message, "worker") && message.worker !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.worker);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified ShardFailure message, length delimited. Does not implicitly {@link dpt.ShardFailure.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.ShardFailure
         * @static
         * @param {dpt.ShardFailure.$Properties} message ShardFailure message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ShardFailure.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a ShardFailure message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.ShardFailure
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.ShardFailure & dpt.ShardFailure.$Shape} ShardFailure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ShardFailure.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.ShardFailure();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runId = value;
                        else
                            delete message.runId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.step = value;
                        else
                            delete message.step;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.shard = value;
                        else
                            delete message.shard;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.reason = value;
                        else
                            delete message.reason;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.worker = value;
                        else
                            delete message.worker;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a ShardFailure message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.ShardFailure
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.ShardFailure & dpt.ShardFailure.$Shape} ShardFailure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ShardFailure.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a ShardFailure message.
         * @function verify
         * @memberof dpt.ShardFailure
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ShardFailure.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                if (!$util.isString(message.runId))
                    return "runId: string expected";
            if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                if (!$util.isInteger(message.step))
                    return "step: integer expected";
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                if (!$util.isInteger(message.shard))
                    return "shard: integer expected";
            if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                if (!$util.isString(message.reason))
                    return "reason: string expected";
            if (message.worker != null && $Object.hasOwnProperty.call(message, "worker"))
                if (!$util.isString(message.worker))
                    return "worker: string expected";
            return null;
        };

        /**
         * Creates a ShardFailure message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.ShardFailure
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.ShardFailure} ShardFailure
         */
        ShardFailure.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.ShardFailure)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.ShardFailure: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.ShardFailure();
            if (object.runId != null)
                if (typeof object.runId !== "string" || object.runId.length)
                    message.runId = $String(object.runId);
            if (object.step != null)
                if ($Number(object.step) !== 0)
                    message.step = object.step >>> 0;
            if (object.shard != null)
                if ($Number(object.shard) !== 0)
                    message.shard = object.shard >>> 0;
            if (object.reason != null)
                if (typeof object.reason !== "string" || object.reason.length)
                    message.reason = $String(object.reason);
            if (object.worker != null)
                if (typeof object.worker !== "string" || object.worker.length)
                    message.worker = $String(object.worker);
            return message;
        };

        /**
         * Creates a plain object from a ShardFailure message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.ShardFailure
         * @static
         * @param {dpt.ShardFailure} message ShardFailure
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ShardFailure.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.runId = "";
                object.step = 0;
                object.shard = 0;
                object.reason = "";
                object.worker = "";
            }
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                object.runId = message.runId;
            if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                object.step = message.step;
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                object.shard = message.shard;
            if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                object.reason = message.reason;
            if (message.worker != null && $Object.hasOwnProperty.call(message, "worker"))
                object.worker = message.worker;
            return object;
        };

        /**
         * Converts this ShardFailure to JSON.
         * @function toJSON
         * @memberof dpt.ShardFailure
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ShardFailure.prototype.toJSON = function() {
            return ShardFailure.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ShardFailure
         * @function getTypeUrl
         * @memberof dpt.ShardFailure
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ShardFailure.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.ShardFailure";
        };

        return ShardFailure;
    })();

    dpt.WeightsSnapshot = (function() {

        /**
         * Properties of a WeightsSnapshot.
         * @typedef {Object} dpt.WeightsSnapshot.$Properties
         * @property {string|null} [runId] WeightsSnapshot runId
         * @property {number|null} [version] WeightsSnapshot version
         * @property {string|null} [dtype] WeightsSnapshot dtype
         * @property {Uint8Array|null} [params] WeightsSnapshot params
         * @property {Uint8Array|null} [pad] WeightsSnapshot pad
         * @property {number|null} [crc32] WeightsSnapshot crc32
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a WeightsSnapshot.
         * @memberof dpt
         * @interface IWeightsSnapshot
         * @augments dpt.WeightsSnapshot.$Properties
         * @deprecated Use dpt.WeightsSnapshot.$Properties instead.
         */

        /**
         * Shape of a WeightsSnapshot.
         * @typedef {dpt.WeightsSnapshot.$Properties} dpt.WeightsSnapshot.$Shape
         */

        /**
         * Constructs a new WeightsSnapshot.
         * @memberof dpt
         * @classdesc Represents a WeightsSnapshot.
         * @constructor
         * @param {dpt.WeightsSnapshot.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const WeightsSnapshot = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * WeightsSnapshot runId.
         * @member {string} runId
         * @memberof dpt.WeightsSnapshot
         * @instance
         */
        WeightsSnapshot.prototype.runId = "";

        /**
         * WeightsSnapshot version.
         * @member {number} version
         * @memberof dpt.WeightsSnapshot
         * @instance
         */
        WeightsSnapshot.prototype.version = 0;

        /**
         * WeightsSnapshot dtype.
         * @member {string} dtype
         * @memberof dpt.WeightsSnapshot
         * @instance
         */
        WeightsSnapshot.prototype.dtype = "";

        /**
         * WeightsSnapshot params.
         * @member {Uint8Array} params
         * @memberof dpt.WeightsSnapshot
         * @instance
         */
        WeightsSnapshot.prototype.params = $util.newBuffer([]);

        /**
         * WeightsSnapshot pad.
         * @member {Uint8Array} pad
         * @memberof dpt.WeightsSnapshot
         * @instance
         */
        WeightsSnapshot.prototype.pad = $util.newBuffer([]);

        /**
         * WeightsSnapshot crc32.
         * @member {number} crc32
         * @memberof dpt.WeightsSnapshot
         * @instance
         */
        WeightsSnapshot.prototype.crc32 = 0;

        /**
         * Creates a new WeightsSnapshot instance using the specified properties.
         * @function create
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {dpt.WeightsSnapshot.$Properties=} [properties] Properties to set
         * @returns {dpt.WeightsSnapshot} WeightsSnapshot instance
         * @type {{
         *   (properties: dpt.WeightsSnapshot.$Shape): dpt.WeightsSnapshot & dpt.WeightsSnapshot.$Shape;
         *   (properties?: dpt.WeightsSnapshot.$Properties): dpt.WeightsSnapshot;
         * }}
         */
        WeightsSnapshot.create = function(properties) {
            return new WeightsSnapshot(properties);
        };

        /**
         * Encodes the specified WeightsSnapshot message. Does not implicitly {@link dpt.WeightsSnapshot.verify|verify} messages.
         * @function encode
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {dpt.WeightsSnapshot.$Properties} message WeightsSnapshot message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        WeightsSnapshot.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.runId);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.version);
            if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype") && message.dtype !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.dtype);
            if (message.params != null && $Object.hasOwnProperty.call(message, "params") && message.params.length)
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.params);
            if (message.pad != null && $Object.hasOwnProperty.call(message, "pad") && message.pad.length)
                writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.pad);
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32") && message.crc32 !== 0)
                writer.uint32(/* id 7, wireType 5 =*/61).fixed32(message.crc32);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified WeightsSnapshot message, length delimited. Does not implicitly {@link dpt.WeightsSnapshot.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {dpt.WeightsSnapshot.$Properties} message WeightsSnapshot message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        WeightsSnapshot.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a WeightsSnapshot message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.WeightsSnapshot & dpt.WeightsSnapshot.$Shape} WeightsSnapshot
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        WeightsSnapshot.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.WeightsSnapshot();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runId = value;
                        else
                            delete message.runId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.version = value;
                        else
                            delete message.version;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.dtype = value;
                        else
                            delete message.dtype;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.params = value;
                        else
                            delete message.params;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.pad = value;
                        else
                            delete message.pad;
                        continue;
                    }
                case 7: {
                        if (wireType !== 5)
                            break;
                        if (value = reader.fixed32())
                            message.crc32 = value;
                        else
                            delete message.crc32;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a WeightsSnapshot message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.WeightsSnapshot & dpt.WeightsSnapshot.$Shape} WeightsSnapshot
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        WeightsSnapshot.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a WeightsSnapshot message.
         * @function verify
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        WeightsSnapshot.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                if (!$util.isString(message.runId))
                    return "runId: string expected";
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                if (!$util.isInteger(message.version))
                    return "version: integer expected";
            if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                if (!$util.isString(message.dtype))
                    return "dtype: string expected";
            if (message.params != null && $Object.hasOwnProperty.call(message, "params"))
                if (!(message.params && typeof message.params.length === "number" || $util.isString(message.params)))
                    return "params: buffer expected";
            if (message.pad != null && $Object.hasOwnProperty.call(message, "pad"))
                if (!(message.pad && typeof message.pad.length === "number" || $util.isString(message.pad)))
                    return "pad: buffer expected";
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32"))
                if (!$util.isInteger(message.crc32))
                    return "crc32: integer expected";
            return null;
        };

        /**
         * Creates a WeightsSnapshot message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.WeightsSnapshot} WeightsSnapshot
         */
        WeightsSnapshot.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.WeightsSnapshot)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.WeightsSnapshot: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.WeightsSnapshot();
            if (object.runId != null)
                if (typeof object.runId !== "string" || object.runId.length)
                    message.runId = $String(object.runId);
            if (object.version != null)
                if ($Number(object.version) !== 0)
                    message.version = object.version >>> 0;
            if (object.dtype != null)
                if (typeof object.dtype !== "string" || object.dtype.length)
                    message.dtype = $String(object.dtype);
            if (object.params != null)
                if (object.params.length)
                    if (typeof object.params === "string")
                        $util.base64.decode(object.params, message.params = $util.newBuffer($util.base64.length(object.params)), 0);
                    else if (object.params.length >= 0)
                        message.params = object.params;
            if (object.pad != null)
                if (object.pad.length)
                    if (typeof object.pad === "string")
                        $util.base64.decode(object.pad, message.pad = $util.newBuffer($util.base64.length(object.pad)), 0);
                    else if (object.pad.length >= 0)
                        message.pad = object.pad;
            if (object.crc32 != null)
                if ($Number(object.crc32) !== 0)
                    message.crc32 = object.crc32 >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a WeightsSnapshot message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {dpt.WeightsSnapshot} message WeightsSnapshot
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        WeightsSnapshot.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.runId = "";
                object.version = 0;
                object.dtype = "";
                if (options.bytes === $String)
                    object.params = "";
                else {
                    object.params = [];
                    if (options.bytes !== $Array)
                        object.params = $util.newBuffer(object.params);
                }
                if (options.bytes === $String)
                    object.pad = "";
                else {
                    object.pad = [];
                    if (options.bytes !== $Array)
                        object.pad = $util.newBuffer(object.pad);
                }
                object.crc32 = 0;
            }
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                object.runId = message.runId;
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                object.version = message.version;
            if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                object.dtype = message.dtype;
            if (message.params != null && $Object.hasOwnProperty.call(message, "params"))
                object.params = options.bytes === $String ? $util.base64.encode(message.params, 0, message.params.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.params) : message.params;
            if (message.pad != null && $Object.hasOwnProperty.call(message, "pad"))
                object.pad = options.bytes === $String ? $util.base64.encode(message.pad, 0, message.pad.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.pad) : message.pad;
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32"))
                object.crc32 = message.crc32;
            return object;
        };

        /**
         * Converts this WeightsSnapshot to JSON.
         * @function toJSON
         * @memberof dpt.WeightsSnapshot
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        WeightsSnapshot.prototype.toJSON = function() {
            return WeightsSnapshot.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for WeightsSnapshot
         * @function getTypeUrl
         * @memberof dpt.WeightsSnapshot
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        WeightsSnapshot.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.WeightsSnapshot";
        };

        return WeightsSnapshot;
    })();

    dpt.EpochMetrics = (function() {

        /**
         * Properties of an EpochMetrics.
         * @typedef {Object} dpt.EpochMetrics.$Properties
         * @property {number|null} [epoch] EpochMetrics epoch
         * @property {number|null} [trainError] EpochMetrics trainError
         * @property {number|null} [trainAccuracy] EpochMetrics trainAccuracy
         * @property {number|null} [testAccuracy] EpochMetrics testAccuracy
         * @property {number|null} [seconds] EpochMetrics seconds
         * @property {number|null} [samplesPerSecond] EpochMetrics samplesPerSecond
         * @property {number|null} [steps] EpochMetrics steps
         * @property {number|null} [samples] EpochMetrics samples
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an EpochMetrics.
         * @memberof dpt
         * @interface IEpochMetrics
         * @augments dpt.EpochMetrics.$Properties
         * @deprecated Use dpt.EpochMetrics.$Properties instead.
         */

        /**
         * Shape of an EpochMetrics.
         * @typedef {dpt.EpochMetrics.$Properties} dpt.EpochMetrics.$Shape
         */

        /**
         * Constructs a new EpochMetrics.
         * @memberof dpt
         * @classdesc Represents an EpochMetrics.
         * @constructor
         * @param {dpt.EpochMetrics.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const EpochMetrics = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * EpochMetrics epoch.
         * @member {number} epoch
         * @memberof dpt.EpochMetrics
         * @instance
         */
        EpochMetrics.prototype.epoch = 0;

        /**
         * EpochMetrics trainError.
         * @member {number} trainError
         * @memberof dpt.EpochMetrics
         * @instance
         */
        EpochMetrics.prototype.trainError = 0;

        /**
         * EpochMetrics trainAccuracy.
         * @member {number} trainAccuracy
         * @memberof dpt.EpochMetrics
         * @instance
         */
        EpochMetrics.prototype.trainAccuracy = 0;

        /**
         * EpochMetrics testAccuracy.
         * @member {number} testAccuracy
         * @memberof dpt.EpochMetrics
         * @instance
         */
        EpochMetrics.prototype.testAccuracy = 0;

        /**
         * EpochMetrics seconds.
         * @member {number} seconds
         * @memberof dpt.EpochMetrics
         * @instance
         */
        EpochMetrics.prototype.seconds = 0;

        /**
         * EpochMetrics samplesPerSecond.
         * @member {number} samplesPerSecond
         * @memberof dpt.EpochMetrics
         * @instance
         */
        EpochMetrics.prototype.samplesPerSecond = 0;

        /**
         * EpochMetrics steps.
         * @member {number} steps
         * @memberof dpt.EpochMetrics
         * @instance
         */
        EpochMetrics.prototype.steps = 0;

        /**
         * EpochMetrics samples.
         * @member {number} samples
         * @memberof dpt.EpochMetrics
         * @instance
         */
        EpochMetrics.prototype.samples = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new EpochMetrics instance using the specified properties.
         * @function create
         * @memberof dpt.EpochMetrics
         * @static
         * @param {dpt.EpochMetrics.$Properties=} [properties] Properties to set
         * @returns {dpt.EpochMetrics} EpochMetrics instance
         * @type {{
         *   (properties: dpt.EpochMetrics.$Shape): dpt.EpochMetrics & dpt.EpochMetrics.$Shape;
         *   (properties?: dpt.EpochMetrics.$Properties): dpt.EpochMetrics;
         * }}
         */
        EpochMetrics.create = function(properties) {
            return new EpochMetrics(properties);
        };

        /**
         * Encodes the specified EpochMetrics message. Does not implicitly {@link dpt.EpochMetrics.verify|verify} messages.
         * @function encode
         * @memberof dpt.EpochMetrics
         * @static
         * @param {dpt.EpochMetrics.$Properties} message EpochMetrics message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        EpochMetrics.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && message.epoch !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.epoch);
            if (message.trainError != null && $Object.hasOwnProperty.call(message, "trainError") && !$Object.is(message.trainError, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.trainError);
            if (message.trainAccuracy != null && $Object.hasOwnProperty.call(message, "trainAccuracy") && !$Object.is(message.trainAccuracy, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.trainAccuracy);
            if (message.testAccuracy != null && $Object.hasOwnProperty.call(message, "testAccuracy") && !$Object.is(message.testAccuracy, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.testAccuracy);
            if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds") && !$Object.is(message.seconds, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.seconds);
            if (message.samplesPerSecond != null && $Object.hasOwnProperty.call(message, "samplesPerSecond") && !$Object.is(message.samplesPerSecond, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.samplesPerSecond);
            if (message.steps != null && $Object.hasOwnProperty.call(message, "steps") && message.steps !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.steps);
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples") && (typeof message.samples === "object" ? message.samples.low || message.samples.high : message.samples !== 0))
                writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.samples);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified EpochMetrics message, length delimited. Does not implicitly {@link dpt.EpochMetrics.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.EpochMetrics
         * @static
         * @param {dpt.EpochMetrics.$Properties} message EpochMetrics message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        EpochMetrics.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes an EpochMetrics message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.EpochMetrics
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.EpochMetrics & dpt.EpochMetrics.$Shape} EpochMetrics
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        EpochMetrics.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.EpochMetrics();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.epoch = value;
                        else
                            delete message.epoch;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.trainError = value;
                        else
                            delete message.trainError;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.trainAccuracy = value;
                        else
                            delete message.trainAccuracy;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.testAccuracy = value;
                        else
                            delete message.testAccuracy;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.seconds = value;
                        else
                            delete message.seconds;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.samplesPerSecond = value;
                        else
                            delete message.samplesPerSecond;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.steps = value;
                        else
                            delete message.steps;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.samples = value;
                        else
                            delete message.samples;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes an EpochMetrics message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.EpochMetrics
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.EpochMetrics & dpt.EpochMetrics.$Shape} EpochMetrics
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        EpochMetrics.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies an EpochMetrics message.
         * @function verify
         * @memberof dpt.EpochMetrics
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        EpochMetrics.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch"))
                if (!$util.isInteger(message.epoch))
                    return "epoch: integer expected";
            if (message.trainError != null && $Object.hasOwnProperty.call(message, "trainError"))
                if (typeof message.trainError !== "number")
                    return "trainError: number expected";
            if (message.trainAccuracy != null && $Object.hasOwnProperty.call(message, "trainAccuracy"))
                if (typeof message.trainAccuracy !== "number")
                    return "trainAccuracy: number expected";
            if (message.testAccuracy != null && $Object.hasOwnProperty.call(message, "testAccuracy"))
                if (typeof message.testAccuracy !== "number")
                    return "testAccuracy: number expected";
            if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds"))
                if (typeof message.seconds !== "number")
                    return "seconds: number expected";
            if (message.samplesPerSecond != null && $Object.hasOwnProperty.call(message, "samplesPerSecond"))
                if (typeof message.samplesPerSecond !== "number")
                    return "samplesPerSecond: number expected";
            if (message.steps != null && $Object.hasOwnProperty.call(message, "steps"))
                if (!$util.isInteger(message.steps))
                    return "steps: integer expected";
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples"))
                if (!$util.isInteger(message.samples) && !(message.samples && $util.isInteger(message.samples.low) && $util.isInteger(message.samples.high)))
                    return "samples: integer|Long expected";
            return null;
        };

        /**
         * Creates an EpochMetrics message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.EpochMetrics
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.EpochMetrics} EpochMetrics
         */
        EpochMetrics.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.EpochMetrics)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.EpochMetrics: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.EpochMetrics();
            if (object.epoch != null)
                if ($Number(object.epoch) !== 0)
                    message.epoch = object.epoch >>> 0;
            if (object.trainError != null)
                if (!$Object.is($Number(object.trainError), 0))
                    message.trainError = $Number(object.trainError);
            if (object.trainAccuracy != null)
                if (!$Object.is($Number(object.trainAccuracy), 0))
                    message.trainAccuracy = $Number(object.trainAccuracy);
            if (object.testAccuracy != null)
                if (!$Object.is($Number(object.testAccuracy), 0))
                    message.testAccuracy = $Number(object.testAccuracy);
            if (object.seconds != null)
                if (!$Object.is($Number(object.seconds), 0))
                    message.seconds = $Number(object.seconds);
            if (object.samplesPerSecond != null)
                if (!$Object.is($Number(object.samplesPerSecond), 0))
                    message.samplesPerSecond = $Number(object.samplesPerSecond);
            if (object.steps != null)
                if ($Number(object.steps) !== 0)
                    message.steps = object.steps >>> 0;
            if (object.samples != null)
                if (typeof object.samples === "object" ? object.samples.low || object.samples.high : $Number(object.samples) !== 0)
                    if ($util.Long)
                        message.samples = $util.Long.fromValue(object.samples, true);
                    else if (typeof object.samples === "string")
                        message.samples = $parseInt(object.samples, 10);
                    else if (typeof object.samples === "number")
                        message.samples = object.samples;
                    else if (typeof object.samples === "object")
                        message.samples = new $util.LongBits(object.samples.low >>> 0, object.samples.high >>> 0).toNumber(true);
            return message;
        };

        /**
         * Creates a plain object from an EpochMetrics message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.EpochMetrics
         * @static
         * @param {dpt.EpochMetrics} message EpochMetrics
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        EpochMetrics.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.epoch = 0;
                object.trainError = 0;
                object.trainAccuracy = 0;
                object.testAccuracy = 0;
                object.seconds = 0;
                object.samplesPerSecond = 0;
                object.steps = 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.samples = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.samples = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch"))
                object.epoch = message.epoch;
            if (message.trainError != null && $Object.hasOwnProperty.call(message, "trainError"))
                object.trainError = options.json && !$isFinite(message.trainError) ? $String(message.trainError) : message.trainError;
            if (message.trainAccuracy != null && $Object.hasOwnProperty.call(message, "trainAccuracy"))
                object.trainAccuracy = options.json && !$isFinite(message.trainAccuracy) ? $String(message.trainAccuracy) : message.trainAccuracy;
            if (message.testAccuracy != null && $Object.hasOwnProperty.call(message, "testAccuracy"))
                object.testAccuracy = options.json && !$isFinite(message.testAccuracy) ? $String(message.testAccuracy) : message.testAccuracy;
            if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds"))
                object.seconds = options.json && !$isFinite(message.seconds) ? $String(message.seconds) : message.seconds;
            if (message.samplesPerSecond != null && $Object.hasOwnProperty.call(message, "samplesPerSecond"))
                object.samplesPerSecond = options.json && !$isFinite(message.samplesPerSecond) ? $String(message.samplesPerSecond) : message.samplesPerSecond;
            if (message.steps != null && $Object.hasOwnProperty.call(message, "steps"))
                object.steps = message.steps;
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.samples = typeof message.samples === "number" ? $BigInt(message.samples) : $util.Long.fromBits(message.samples.low >>> 0, message.samples.high >>> 0, true).toBigInt();
                else if (typeof message.samples === "number")
                    object.samples = options.longs === $String ? $String(message.samples) : message.samples;
                else
                    object.samples = options.longs === $String ? $util.Long.prototype.toString.call(message.samples) : options.longs === $Number ? new $util.LongBits(message.samples.low >>> 0, message.samples.high >>> 0).toNumber(true) : message.samples;
            return object;
        };

        /**
         * Converts this EpochMetrics to JSON.
         * @function toJSON
         * @memberof dpt.EpochMetrics
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        EpochMetrics.prototype.toJSON = function() {
            return EpochMetrics.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for EpochMetrics
         * @function getTypeUrl
         * @memberof dpt.EpochMetrics
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        EpochMetrics.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.EpochMetrics";
        };

        return EpochMetrics;
    })();

    dpt.Model = (function() {

        /**
         * Properties of a Model.
         * @typedef {Object} dpt.Model.$Properties
         * @property {dpt.TrainConfig.$Properties|null} [config] Model config
         * @property {Uint8Array|null} [params] Model params
         * @property {dpt.DatasetRef.$Properties|null} [dataset] Model dataset
         * @property {Array.<dpt.EpochMetrics.$Properties>|null} [history] Model history
         * @property {string|null} [reduction] Model reduction
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Model.
         * @memberof dpt
         * @interface IModel
         * @augments dpt.Model.$Properties
         * @deprecated Use dpt.Model.$Properties instead.
         */

        /**
         * Shape of a Model.
         * @typedef {dpt.Model.$Properties} dpt.Model.$Shape
         */

        /**
         * Constructs a new Model.
         * @memberof dpt
         * @classdesc Represents a Model.
         * @constructor
         * @param {dpt.Model.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Model = function (properties) {
            this.history = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Model config.
         * @member {dpt.TrainConfig.$Properties|null|undefined} config
         * @memberof dpt.Model
         * @instance
         */
        Model.prototype.config = null;

        /**
         * Model params.
         * @member {Uint8Array} params
         * @memberof dpt.Model
         * @instance
         */
        Model.prototype.params = $util.newBuffer([]);

        /**
         * Model dataset.
         * @member {dpt.DatasetRef.$Properties|null|undefined} dataset
         * @memberof dpt.Model
         * @instance
         */
        Model.prototype.dataset = null;

        /**
         * Model history.
         * @member {Array.<dpt.EpochMetrics.$Properties>} history
         * @memberof dpt.Model
         * @instance
         */
        Model.prototype.history = $util.emptyArray;

        /**
         * Model reduction.
         * @member {string} reduction
         * @memberof dpt.Model
         * @instance
         */
        Model.prototype.reduction = "";

        /**
         * Creates a new Model instance using the specified properties.
         * @function create
         * @memberof dpt.Model
         * @static
         * @param {dpt.Model.$Properties=} [properties] Properties to set
         * @returns {dpt.Model} Model instance
         * @type {{
         *   (properties: dpt.Model.$Shape): dpt.Model & dpt.Model.$Shape;
         *   (properties?: dpt.Model.$Properties): dpt.Model;
         * }}
         */
        Model.create = function(properties) {
            return new Model(properties);
        };

        /**
         * Encodes the specified Model message. Does not implicitly {@link dpt.Model.verify|verify} messages.
         * @function encode
         * @memberof dpt.Model
         * @static
         * @param {dpt.Model.$Properties} message Model message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Model.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                $root.dpt.TrainConfig.encode(message.config, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.params != null && $Object.hasOwnProperty.call(message, "params") && message.params.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.params);
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset"))
                $root.dpt.DatasetRef.encode(message.dataset, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.history != null && message.history.length)
                for (let i = 0; i < message.history.length; ++i)
                    $root.dpt.EpochMetrics.encode(message.history[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.reduction != null && $Object.hasOwnProperty.call(message, "reduction") && message.reduction !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.reduction);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified Model message, length delimited. Does not implicitly {@link dpt.Model.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.Model
         * @static
         * @param {dpt.Model.$Properties} message Model message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Model.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a Model message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.Model
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.Model & dpt.Model.$Shape} Model
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Model.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.Model();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.config = $root.dpt.TrainConfig.decode(reader, reader.size(), $undefined, _depth + 1, message.config);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.params = value;
                        else
                            delete message.params;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.dataset = $root.dpt.DatasetRef.decode(reader, reader.size(), $undefined, _depth + 1, message.dataset);
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if (!(message.history && message.history.length))
                            message.history = [];
                        message.history.push($root.dpt.EpochMetrics.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.reduction = value;
                        else
                            delete message.reduction;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a Model message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.Model
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.Model & dpt.Model.$Shape} Model
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Model.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a Model message.
         * @function verify
         * @memberof dpt.Model
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        Model.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.config != null && $Object.hasOwnProperty.call(message, "config")) {
                let error = $root.dpt.TrainConfig.verify(message.config, _depth + 1);
                if (error)
                    return "config." + error;
            }
            if (message.params != null && $Object.hasOwnProperty.call(message, "params"))
                if (!(message.params && typeof message.params.length === "number" || $util.isString(message.params)))
                    return "params: buffer expected";
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset")) {
                let error = $root.dpt.DatasetRef.verify(message.dataset, _depth + 1);
                if (error)
                    return "dataset." + error;
            }
            if (message.history != null && $Object.hasOwnProperty.call(message, "history")) {
                if (!$Array.isArray(message.history))
                    return "history: array expected";
                for (let i = 0; i < message.history.length; ++i) {
                    let error = $root.dpt.EpochMetrics.verify(message.history[i], _depth + 1);
                    if (error)
                        return "history." + error;
                }
            }
            if (message.reduction != null && $Object.hasOwnProperty.call(message, "reduction"))
                if (!$util.isString(message.reduction))
                    return "reduction: string expected";
            return null;
        };

        /**
         * Creates a Model message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.Model
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.Model} Model
         */
        Model.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.Model)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.Model: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.Model();
            if (object.config != null) {
                if (!$util.isObject(object.config))
                    throw $TypeError(".dpt.Model.config: object expected");
                message.config = $root.dpt.TrainConfig.fromObject(object.config, _depth + 1);
            }
            if (object.params != null)
                if (object.params.length)
                    if (typeof object.params === "string")
                        $util.base64.decode(object.params, message.params = $util.newBuffer($util.base64.length(object.params)), 0);
                    else if (object.params.length >= 0)
                        message.params = object.params;
            if (object.dataset != null) {
                if (!$util.isObject(object.dataset))
                    throw $TypeError(".dpt.Model.dataset: object expected");
                message.dataset = $root.dpt.DatasetRef.fromObject(object.dataset, _depth + 1);
            }
            if (object.history) {
                if (!$Array.isArray(object.history))
                    throw $TypeError(".dpt.Model.history: array expected");
                message.history = $Array(object.history.length);
                for (let i = 0; i < object.history.length; ++i) {
                    if (!$util.isObject(object.history[i]))
                        throw $TypeError(".dpt.Model.history: object expected");
                    message.history[i] = $root.dpt.EpochMetrics.fromObject(object.history[i], _depth + 1);
                }
            }
            if (object.reduction != null)
                if (typeof object.reduction !== "string" || object.reduction.length)
                    message.reduction = $String(object.reduction);
            return message;
        };

        /**
         * Creates a plain object from a Model message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.Model
         * @static
         * @param {dpt.Model} message Model
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Model.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.history = [];
            if (options.defaults) {
                object.config = null;
                if (options.bytes === $String)
                    object.params = "";
                else {
                    object.params = [];
                    if (options.bytes !== $Array)
                        object.params = $util.newBuffer(object.params);
                }
                object.dataset = null;
                object.reduction = "";
            }
            if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                object.config = $root.dpt.TrainConfig.toObject(message.config, options, _depth + 1);
            if (message.params != null && $Object.hasOwnProperty.call(message, "params"))
                object.params = options.bytes === $String ? $util.base64.encode(message.params, 0, message.params.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.params) : message.params;
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset"))
                object.dataset = $root.dpt.DatasetRef.toObject(message.dataset, options, _depth + 1);
            if (message.history && message.history.length) {
                object.history = $Array(message.history.length);
                for (let j = 0; j < message.history.length; ++j)
                    object.history[j] = $root.dpt.EpochMetrics.toObject(message.history[j], options, _depth + 1);
            }
            if (message.reduction != null && $Object.hasOwnProperty.call(message, "reduction"))
                object.reduction = message.reduction;
            return object;
        };

        /**
         * Converts this Model to JSON.
         * @function toJSON
         * @memberof dpt.Model
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Model.prototype.toJSON = function() {
            return Model.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Model
         * @function getTypeUrl
         * @memberof dpt.Model
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Model.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.Model";
        };

        return Model;
    })();

    dpt.Checkpoint = (function() {

        /**
         * Properties of a Checkpoint.
         * @typedef {Object} dpt.Checkpoint.$Properties
         * @property {string|null} [runId] Checkpoint runId
         * @property {dpt.TrainConfig.$Properties|null} [config] Checkpoint config
         * @property {dpt.DatasetRef.$Properties|null} [dataset] Checkpoint dataset
         * @property {number|null} [nextEpoch] Checkpoint nextEpoch
         * @property {number|null} [nextStep] Checkpoint nextStep
         * @property {number|null} [version] Checkpoint version
         * @property {Uint8Array|null} [params] Checkpoint params
         * @property {Array.<dpt.EpochMetrics.$Properties>|null} [history] Checkpoint history
         * @property {number|null} [seconds] Checkpoint seconds
         * @property {number|null} [samples] Checkpoint samples
         * @property {string|null} [reduction] Checkpoint reduction
         * @property {string|null} [initSha256] Checkpoint initSha256
         * @property {string|null} [initFile] Checkpoint initFile
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Checkpoint.
         * @memberof dpt
         * @interface ICheckpoint
         * @augments dpt.Checkpoint.$Properties
         * @deprecated Use dpt.Checkpoint.$Properties instead.
         */

        /**
         * Shape of a Checkpoint.
         * @typedef {dpt.Checkpoint.$Properties} dpt.Checkpoint.$Shape
         */

        /**
         * Constructs a new Checkpoint.
         * @memberof dpt
         * @classdesc Represents a Checkpoint.
         * @constructor
         * @param {dpt.Checkpoint.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Checkpoint = function (properties) {
            this.history = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Checkpoint runId.
         * @member {string} runId
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.runId = "";

        /**
         * Checkpoint config.
         * @member {dpt.TrainConfig.$Properties|null|undefined} config
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.config = null;

        /**
         * Checkpoint dataset.
         * @member {dpt.DatasetRef.$Properties|null|undefined} dataset
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.dataset = null;

        /**
         * Checkpoint nextEpoch.
         * @member {number} nextEpoch
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.nextEpoch = 0;

        /**
         * Checkpoint nextStep.
         * @member {number} nextStep
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.nextStep = 0;

        /**
         * Checkpoint version.
         * @member {number} version
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.version = 0;

        /**
         * Checkpoint params.
         * @member {Uint8Array} params
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.params = $util.newBuffer([]);

        /**
         * Checkpoint history.
         * @member {Array.<dpt.EpochMetrics.$Properties>} history
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.history = $util.emptyArray;

        /**
         * Checkpoint seconds.
         * @member {number} seconds
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.seconds = 0;

        /**
         * Checkpoint samples.
         * @member {number} samples
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.samples = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Checkpoint reduction.
         * @member {string} reduction
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.reduction = "";

        /**
         * Checkpoint initSha256.
         * @member {string} initSha256
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.initSha256 = "";

        /**
         * Checkpoint initFile.
         * @member {string} initFile
         * @memberof dpt.Checkpoint
         * @instance
         */
        Checkpoint.prototype.initFile = "";

        /**
         * Creates a new Checkpoint instance using the specified properties.
         * @function create
         * @memberof dpt.Checkpoint
         * @static
         * @param {dpt.Checkpoint.$Properties=} [properties] Properties to set
         * @returns {dpt.Checkpoint} Checkpoint instance
         * @type {{
         *   (properties: dpt.Checkpoint.$Shape): dpt.Checkpoint & dpt.Checkpoint.$Shape;
         *   (properties?: dpt.Checkpoint.$Properties): dpt.Checkpoint;
         * }}
         */
        Checkpoint.create = function(properties) {
            return new Checkpoint(properties);
        };

        /**
         * Encodes the specified Checkpoint message. Does not implicitly {@link dpt.Checkpoint.verify|verify} messages.
         * @function encode
         * @memberof dpt.Checkpoint
         * @static
         * @param {dpt.Checkpoint.$Properties} message Checkpoint message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Checkpoint.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.runId);
            if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                $root.dpt.TrainConfig.encode(message.config, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset"))
                $root.dpt.DatasetRef.encode(message.dataset, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.nextEpoch != null && $Object.hasOwnProperty.call(message, "nextEpoch") && message.nextEpoch !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.nextEpoch);
            if (message.nextStep != null && $Object.hasOwnProperty.call(message, "nextStep") && message.nextStep !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.nextStep);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.version);
            if (message.params != null && $Object.hasOwnProperty.call(message, "params") && message.params.length)
                writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.params);
            if (message.history != null && message.history.length)
                for (let i = 0; i < message.history.length; ++i)
                    $root.dpt.EpochMetrics.encode(message.history[i], writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
            if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds") && !$Object.is(message.seconds, 0))
                writer.uint32(/* id 9, wireType 1 =*/73).double(message.seconds);
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples") && (typeof message.samples === "object" ? message.samples.low || message.samples.high : message.samples !== 0))
                writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.samples);
            if (message.reduction != null && $Object.hasOwnProperty.call(message, "reduction") && message.reduction !== "")
                writer.uint32(/* id 11, wireType 2 =*/90).string(message.reduction);
            if (message.initSha256 != null && $Object.hasOwnProperty.call(message, "initSha256") && message.initSha256 !== "")
                writer.uint32(/* id 12, wireType 2 =*/98).string(message.initSha256);
            if (message.initFile != null && $Object.hasOwnProperty.call(message, "initFile") && message.initFile !== "")
                writer.uint32(/* id 13, wireType 2 =*/106).string(message.initFile);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified Checkpoint message, length delimited. Does not implicitly {@link dpt.Checkpoint.verify|verify} messages.
         * @function encodeDelimited
         * @memberof dpt.Checkpoint
         * @static
         * @param {dpt.Checkpoint.$Properties} message Checkpoint message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Checkpoint.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a Checkpoint message from the specified reader or buffer.
         * @function decode
         * @memberof dpt.Checkpoint
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {dpt.Checkpoint & dpt.Checkpoint.$Shape} Checkpoint
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Checkpoint.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.dpt.Checkpoint();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runId = value;
                        else
                            delete message.runId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.config = $root.dpt.TrainConfig.decode(reader, reader.size(), $undefined, _depth + 1, message.config);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.dataset = $root.dpt.DatasetRef.decode(reader, reader.size(), $undefined, _depth + 1, message.dataset);
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.nextEpoch = value;
                        else
                            delete message.nextEpoch;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.nextStep = value;
                        else
                            delete message.nextStep;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.version = value;
                        else
                            delete message.version;
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.params = value;
                        else
                            delete message.params;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if (!(message.history && message.history.length))
                            message.history = [];
                        message.history.push($root.dpt.EpochMetrics.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 9: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.seconds = value;
                        else
                            delete message.seconds;
                        continue;
                    }
                case 10: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.samples = value;
                        else
                            delete message.samples;
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.reduction = value;
                        else
                            delete message.reduction;
                        continue;
                    }
                case 12: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.initSha256 = value;
                        else
                            delete message.initSha256;
                        continue;
                    }
                case 13: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.initFile = value;
                        else
                            delete message.initFile;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a Checkpoint message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof dpt.Checkpoint
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {dpt.Checkpoint & dpt.Checkpoint.$Shape} Checkpoint
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Checkpoint.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a Checkpoint message.
         * @function verify
         * @memberof dpt.Checkpoint
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        Checkpoint.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                if (!$util.isString(message.runId))
                    return "runId: string expected";
            if (message.config != null && $Object.hasOwnProperty.call(message, "config")) {
                let error = $root.dpt.TrainConfig.verify(message.config, _depth + 1);
                if (error)
                    return "config." + error;
            }
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset")) {
                let error = $root.dpt.DatasetRef.verify(message.dataset, _depth + 1);
                if (error)
                    return "dataset." + error;
            }
            if (message.nextEpoch != null && $Object.hasOwnProperty.call(message, "nextEpoch"))
                if (!$util.isInteger(message.nextEpoch))
                    return "nextEpoch: integer expected";
            if (message.nextStep != null && $Object.hasOwnProperty.call(message, "nextStep"))
                if (!$util.isInteger(message.nextStep))
                    return "nextStep: integer expected";
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                if (!$util.isInteger(message.version))
                    return "version: integer expected";
            if (message.params != null && $Object.hasOwnProperty.call(message, "params"))
                if (!(message.params && typeof message.params.length === "number" || $util.isString(message.params)))
                    return "params: buffer expected";
            if (message.history != null && $Object.hasOwnProperty.call(message, "history")) {
                if (!$Array.isArray(message.history))
                    return "history: array expected";
                for (let i = 0; i < message.history.length; ++i) {
                    let error = $root.dpt.EpochMetrics.verify(message.history[i], _depth + 1);
                    if (error)
                        return "history." + error;
                }
            }
            if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds"))
                if (typeof message.seconds !== "number")
                    return "seconds: number expected";
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples"))
                if (!$util.isInteger(message.samples) && !(message.samples && $util.isInteger(message.samples.low) && $util.isInteger(message.samples.high)))
                    return "samples: integer|Long expected";
            if (message.reduction != null && $Object.hasOwnProperty.call(message, "reduction"))
                if (!$util.isString(message.reduction))
                    return "reduction: string expected";
            if (message.initSha256 != null && $Object.hasOwnProperty.call(message, "initSha256"))
                if (!$util.isString(message.initSha256))
                    return "initSha256: string expected";
            if (message.initFile != null && $Object.hasOwnProperty.call(message, "initFile"))
                if (!$util.isString(message.initFile))
                    return "initFile: string expected";
            return null;
        };

        /**
         * Creates a Checkpoint message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof dpt.Checkpoint
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {dpt.Checkpoint} Checkpoint
         */
        Checkpoint.fromObject = function (object, _depth) {
            if (object instanceof $root.dpt.Checkpoint)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".dpt.Checkpoint: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.dpt.Checkpoint();
            if (object.runId != null)
                if (typeof object.runId !== "string" || object.runId.length)
                    message.runId = $String(object.runId);
            if (object.config != null) {
                if (!$util.isObject(object.config))
                    throw $TypeError(".dpt.Checkpoint.config: object expected");
                message.config = $root.dpt.TrainConfig.fromObject(object.config, _depth + 1);
            }
            if (object.dataset != null) {
                if (!$util.isObject(object.dataset))
                    throw $TypeError(".dpt.Checkpoint.dataset: object expected");
                message.dataset = $root.dpt.DatasetRef.fromObject(object.dataset, _depth + 1);
            }
            if (object.nextEpoch != null)
                if ($Number(object.nextEpoch) !== 0)
                    message.nextEpoch = object.nextEpoch >>> 0;
            if (object.nextStep != null)
                if ($Number(object.nextStep) !== 0)
                    message.nextStep = object.nextStep >>> 0;
            if (object.version != null)
                if ($Number(object.version) !== 0)
                    message.version = object.version >>> 0;
            if (object.params != null)
                if (object.params.length)
                    if (typeof object.params === "string")
                        $util.base64.decode(object.params, message.params = $util.newBuffer($util.base64.length(object.params)), 0);
                    else if (object.params.length >= 0)
                        message.params = object.params;
            if (object.history) {
                if (!$Array.isArray(object.history))
                    throw $TypeError(".dpt.Checkpoint.history: array expected");
                message.history = $Array(object.history.length);
                for (let i = 0; i < object.history.length; ++i) {
                    if (!$util.isObject(object.history[i]))
                        throw $TypeError(".dpt.Checkpoint.history: object expected");
                    message.history[i] = $root.dpt.EpochMetrics.fromObject(object.history[i], _depth + 1);
                }
            }
            if (object.seconds != null)
                if (!$Object.is($Number(object.seconds), 0))
                    message.seconds = $Number(object.seconds);
            if (object.samples != null)
                if (typeof object.samples === "object" ? object.samples.low || object.samples.high : $Number(object.samples) !== 0)
                    if ($util.Long)
                        message.samples = $util.Long.fromValue(object.samples, true);
                    else if (typeof object.samples === "string")
                        message.samples = $parseInt(object.samples, 10);
                    else if (typeof object.samples === "number")
                        message.samples = object.samples;
                    else if (typeof object.samples === "object")
                        message.samples = new $util.LongBits(object.samples.low >>> 0, object.samples.high >>> 0).toNumber(true);
            if (object.reduction != null)
                if (typeof object.reduction !== "string" || object.reduction.length)
                    message.reduction = $String(object.reduction);
            if (object.initSha256 != null)
                if (typeof object.initSha256 !== "string" || object.initSha256.length)
                    message.initSha256 = $String(object.initSha256);
            if (object.initFile != null)
                if (typeof object.initFile !== "string" || object.initFile.length)
                    message.initFile = $String(object.initFile);
            return message;
        };

        /**
         * Creates a plain object from a Checkpoint message. Also converts values to other types if specified.
         * @function toObject
         * @memberof dpt.Checkpoint
         * @static
         * @param {dpt.Checkpoint} message Checkpoint
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Checkpoint.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.history = [];
            if (options.defaults) {
                object.runId = "";
                object.config = null;
                object.dataset = null;
                object.nextEpoch = 0;
                object.nextStep = 0;
                object.version = 0;
                if (options.bytes === $String)
                    object.params = "";
                else {
                    object.params = [];
                    if (options.bytes !== $Array)
                        object.params = $util.newBuffer(object.params);
                }
                object.seconds = 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.samples = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.samples = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.reduction = "";
                object.initSha256 = "";
                object.initFile = "";
            }
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                object.runId = message.runId;
            if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                object.config = $root.dpt.TrainConfig.toObject(message.config, options, _depth + 1);
            if (message.dataset != null && $Object.hasOwnProperty.call(message, "dataset"))
                object.dataset = $root.dpt.DatasetRef.toObject(message.dataset, options, _depth + 1);
            if (message.nextEpoch != null && $Object.hasOwnProperty.call(message, "nextEpoch"))
                object.nextEpoch = message.nextEpoch;
            if (message.nextStep != null && $Object.hasOwnProperty.call(message, "nextStep"))
                object.nextStep = message.nextStep;
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                object.version = message.version;
            if (message.params != null && $Object.hasOwnProperty.call(message, "params"))
                object.params = options.bytes === $String ? $util.base64.encode(message.params, 0, message.params.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.params) : message.params;
            if (message.history && message.history.length) {
                object.history = $Array(message.history.length);
                for (let j = 0; j < message.history.length; ++j)
                    object.history[j] = $root.dpt.EpochMetrics.toObject(message.history[j], options, _depth + 1);
            }
            if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds"))
                object.seconds = options.json && !$isFinite(message.seconds) ? $String(message.seconds) : message.seconds;
            if (message.samples != null && $Object.hasOwnProperty.call(message, "samples"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.samples = typeof message.samples === "number" ? $BigInt(message.samples) : $util.Long.fromBits(message.samples.low >>> 0, message.samples.high >>> 0, true).toBigInt();
                else if (typeof message.samples === "number")
                    object.samples = options.longs === $String ? $String(message.samples) : message.samples;
                else
                    object.samples = options.longs === $String ? $util.Long.prototype.toString.call(message.samples) : options.longs === $Number ? new $util.LongBits(message.samples.low >>> 0, message.samples.high >>> 0).toNumber(true) : message.samples;
            if (message.reduction != null && $Object.hasOwnProperty.call(message, "reduction"))
                object.reduction = message.reduction;
            if (message.initSha256 != null && $Object.hasOwnProperty.call(message, "initSha256"))
                object.initSha256 = message.initSha256;
            if (message.initFile != null && $Object.hasOwnProperty.call(message, "initFile"))
                object.initFile = message.initFile;
            return object;
        };

        /**
         * Converts this Checkpoint to JSON.
         * @function toJSON
         * @memberof dpt.Checkpoint
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Checkpoint.prototype.toJSON = function() {
            return Checkpoint.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Checkpoint
         * @function getTypeUrl
         * @memberof dpt.Checkpoint
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Checkpoint.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/dpt.Checkpoint";
        };

        return Checkpoint;
    })();

    return dpt;
})();

export {
  $root as default
};
