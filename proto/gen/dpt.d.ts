// GENERATED FILE - DO NOT EDIT.
// Source: proto/dpt.proto (sha256 71667452527425f5e1578d471aa1a0b15da2017def67a454f0df01666dafa8b6)
// Generator: scripts/gen-proto.mjs with protobufjs-cli 2.7.1; run `npm run proto` to regenerate.
import * as $protobuf from "protobufjs/minimal.js";

/** Namespace dpt. */
export namespace dpt {

    /**
     * Properties of a TrainConfig.
     * @deprecated Use dpt.TrainConfig.$Properties instead.
     */
    interface ITrainConfig extends dpt.TrainConfig.$Properties {
    }

    /** Represents a TrainConfig. */
    class TrainConfig {

        /**
         * Constructs a new TrainConfig.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.TrainConfig.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** TrainConfig dataset. */
        dataset: string;

        /** TrainConfig structure. */
        structure: number[];

        /** TrainConfig epochs. */
        epochs: number;

        /** TrainConfig batchSize. */
        batchSize: number;

        /** TrainConfig shardSize. */
        shardSize: number;

        /** TrainConfig eta. */
        eta: number;

        /** TrainConfig seed. */
        seed: number;

        /** TrainConfig activation. */
        activation: string;

        /** TrainConfig loss. */
        loss: string;

        /** TrainConfig init. */
        init: string;

        /** TrainConfig dtype. */
        dtype: string;

        /** TrainConfig inputScaling. */
        inputScaling: string;

        /** TrainConfig trainLimit. */
        trainLimit: number;

        /** TrainConfig testLimit. */
        testLimit: number;

        /** TrainConfig maxSteps. */
        maxSteps: number;

        /**
         * Creates a new TrainConfig instance using the specified properties.
         * @param [properties] Properties to set
         * @returns TrainConfig instance
         */
        static create(properties: dpt.TrainConfig.$Shape): dpt.TrainConfig & dpt.TrainConfig.$Shape;
        static create(properties?: dpt.TrainConfig.$Properties): dpt.TrainConfig;

        /**
         * Encodes the specified TrainConfig message. Does not implicitly {@link dpt.TrainConfig.verify|verify} messages.
         * @param message TrainConfig message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.TrainConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified TrainConfig message, length delimited. Does not implicitly {@link dpt.TrainConfig.verify|verify} messages.
         * @param message TrainConfig message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.TrainConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a TrainConfig message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.TrainConfig & dpt.TrainConfig.$Shape} TrainConfig
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.TrainConfig & dpt.TrainConfig.$Shape;

        /**
         * Decodes a TrainConfig message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.TrainConfig & dpt.TrainConfig.$Shape} TrainConfig
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.TrainConfig & dpt.TrainConfig.$Shape;

        /**
         * Verifies a TrainConfig message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a TrainConfig message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns TrainConfig
         */
        static fromObject(object: { [k: string]: any }): dpt.TrainConfig;

        /**
         * Creates a plain object from a TrainConfig message. Also converts values to other types if specified.
         * @param message TrainConfig
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.TrainConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this TrainConfig to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for TrainConfig
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace TrainConfig {

        /** Properties of a TrainConfig. */
        interface $Properties {

            /** TrainConfig dataset */
            dataset?: (string|null);

            /** TrainConfig structure */
            structure?: (number[]|null);

            /** TrainConfig epochs */
            epochs?: (number|null);

            /** TrainConfig batchSize */
            batchSize?: (number|null);

            /** TrainConfig shardSize */
            shardSize?: (number|null);

            /** TrainConfig eta */
            eta?: (number|null);

            /** TrainConfig seed */
            seed?: (number|null);

            /** TrainConfig activation */
            activation?: (string|null);

            /** TrainConfig loss */
            loss?: (string|null);

            /** TrainConfig init */
            init?: (string|null);

            /** TrainConfig dtype */
            dtype?: (string|null);

            /** TrainConfig inputScaling */
            inputScaling?: (string|null);

            /** TrainConfig trainLimit */
            trainLimit?: (number|null);

            /** TrainConfig testLimit */
            testLimit?: (number|null);

            /** TrainConfig maxSteps */
            maxSteps?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a TrainConfig. */
        type $Shape = dpt.TrainConfig.$Properties;
    }

    /**
     * Properties of a DatasetRef.
     * @deprecated Use dpt.DatasetRef.$Properties instead.
     */
    interface IDatasetRef extends dpt.DatasetRef.$Properties {
    }

    /** Represents a DatasetRef. */
    class DatasetRef {

        /**
         * Constructs a new DatasetRef.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.DatasetRef.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** DatasetRef name. */
        name: string;

        /** DatasetRef sha256. */
        sha256: string;

        /** DatasetRef bytes. */
        bytes: number;

        /** DatasetRef chunks. */
        chunks: number;

        /** DatasetRef inputSize. */
        inputSize: number;

        /** DatasetRef numClasses. */
        numClasses: number;

        /** DatasetRef trainCount. */
        trainCount: number;

        /** DatasetRef testCount. */
        testCount: number;

        /**
         * Creates a new DatasetRef instance using the specified properties.
         * @param [properties] Properties to set
         * @returns DatasetRef instance
         */
        static create(properties: dpt.DatasetRef.$Shape): dpt.DatasetRef & dpt.DatasetRef.$Shape;
        static create(properties?: dpt.DatasetRef.$Properties): dpt.DatasetRef;

        /**
         * Encodes the specified DatasetRef message. Does not implicitly {@link dpt.DatasetRef.verify|verify} messages.
         * @param message DatasetRef message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.DatasetRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified DatasetRef message, length delimited. Does not implicitly {@link dpt.DatasetRef.verify|verify} messages.
         * @param message DatasetRef message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.DatasetRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a DatasetRef message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.DatasetRef & dpt.DatasetRef.$Shape} DatasetRef
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.DatasetRef & dpt.DatasetRef.$Shape;

        /**
         * Decodes a DatasetRef message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.DatasetRef & dpt.DatasetRef.$Shape} DatasetRef
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.DatasetRef & dpt.DatasetRef.$Shape;

        /**
         * Verifies a DatasetRef message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a DatasetRef message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns DatasetRef
         */
        static fromObject(object: { [k: string]: any }): dpt.DatasetRef;

        /**
         * Creates a plain object from a DatasetRef message. Also converts values to other types if specified.
         * @param message DatasetRef
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.DatasetRef, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this DatasetRef to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for DatasetRef
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace DatasetRef {

        /** Properties of a DatasetRef. */
        interface $Properties {

            /** DatasetRef name */
            name?: (string|null);

            /** DatasetRef sha256 */
            sha256?: (string|null);

            /** DatasetRef bytes */
            bytes?: (number|null);

            /** DatasetRef chunks */
            chunks?: (number|null);

            /** DatasetRef inputSize */
            inputSize?: (number|null);

            /** DatasetRef numClasses */
            numClasses?: (number|null);

            /** DatasetRef trainCount */
            trainCount?: (number|null);

            /** DatasetRef testCount */
            testCount?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a DatasetRef. */
        type $Shape = dpt.DatasetRef.$Properties;
    }

    /**
     * Properties of a DatasetBlob.
     * @deprecated Use dpt.DatasetBlob.$Properties instead.
     */
    interface IDatasetBlob extends dpt.DatasetBlob.$Properties {
    }

    /** Represents a DatasetBlob. */
    class DatasetBlob {

        /**
         * Constructs a new DatasetBlob.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.DatasetBlob.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** DatasetBlob name. */
        name: string;

        /** DatasetBlob inputSize. */
        inputSize: number;

        /** DatasetBlob numClasses. */
        numClasses: number;

        /** DatasetBlob maxValue. */
        maxValue: number;

        /** DatasetBlob inputType. */
        inputType: string;

        /** DatasetBlob trainInputs. */
        trainInputs: Uint8Array;

        /** DatasetBlob trainLabels. */
        trainLabels: Uint8Array;

        /** DatasetBlob testInputs. */
        testInputs: Uint8Array;

        /** DatasetBlob testLabels. */
        testLabels: Uint8Array;

        /**
         * Creates a new DatasetBlob instance using the specified properties.
         * @param [properties] Properties to set
         * @returns DatasetBlob instance
         */
        static create(properties: dpt.DatasetBlob.$Shape): dpt.DatasetBlob & dpt.DatasetBlob.$Shape;
        static create(properties?: dpt.DatasetBlob.$Properties): dpt.DatasetBlob;

        /**
         * Encodes the specified DatasetBlob message. Does not implicitly {@link dpt.DatasetBlob.verify|verify} messages.
         * @param message DatasetBlob message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.DatasetBlob.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified DatasetBlob message, length delimited. Does not implicitly {@link dpt.DatasetBlob.verify|verify} messages.
         * @param message DatasetBlob message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.DatasetBlob.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a DatasetBlob message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.DatasetBlob & dpt.DatasetBlob.$Shape} DatasetBlob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.DatasetBlob & dpt.DatasetBlob.$Shape;

        /**
         * Decodes a DatasetBlob message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.DatasetBlob & dpt.DatasetBlob.$Shape} DatasetBlob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.DatasetBlob & dpt.DatasetBlob.$Shape;

        /**
         * Verifies a DatasetBlob message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a DatasetBlob message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns DatasetBlob
         */
        static fromObject(object: { [k: string]: any }): dpt.DatasetBlob;

        /**
         * Creates a plain object from a DatasetBlob message. Also converts values to other types if specified.
         * @param message DatasetBlob
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.DatasetBlob, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this DatasetBlob to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for DatasetBlob
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace DatasetBlob {

        /** Properties of a DatasetBlob. */
        interface $Properties {

            /** DatasetBlob name */
            name?: (string|null);

            /** DatasetBlob inputSize */
            inputSize?: (number|null);

            /** DatasetBlob numClasses */
            numClasses?: (number|null);

            /** DatasetBlob maxValue */
            maxValue?: (number|null);

            /** DatasetBlob inputType */
            inputType?: (string|null);

            /** DatasetBlob trainInputs */
            trainInputs?: (Uint8Array|null);

            /** DatasetBlob trainLabels */
            trainLabels?: (Uint8Array|null);

            /** DatasetBlob testInputs */
            testInputs?: (Uint8Array|null);

            /** DatasetBlob testLabels */
            testLabels?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a DatasetBlob. */
        type $Shape = dpt.DatasetBlob.$Properties;
    }

    /**
     * Properties of a RunSpec.
     * @deprecated Use dpt.RunSpec.$Properties instead.
     */
    interface IRunSpec extends dpt.RunSpec.$Properties {
    }

    /** Represents a RunSpec. */
    class RunSpec {

        /**
         * Constructs a new RunSpec.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.RunSpec.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RunSpec runId. */
        runId: string;

        /** RunSpec config. */
        config?: (dpt.TrainConfig.$Properties|null);

        /** RunSpec dataset. */
        dataset?: (dpt.DatasetRef.$Properties|null);

        /** RunSpec paramCount. */
        paramCount: number;

        /** RunSpec createdBy. */
        createdBy: string;

        /** RunSpec dispatch. */
        dispatch: string;

        /**
         * Creates a new RunSpec instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RunSpec instance
         */
        static create(properties: dpt.RunSpec.$Shape): dpt.RunSpec & dpt.RunSpec.$Shape;
        static create(properties?: dpt.RunSpec.$Properties): dpt.RunSpec;

        /**
         * Encodes the specified RunSpec message. Does not implicitly {@link dpt.RunSpec.verify|verify} messages.
         * @param message RunSpec message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.RunSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified RunSpec message, length delimited. Does not implicitly {@link dpt.RunSpec.verify|verify} messages.
         * @param message RunSpec message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.RunSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RunSpec message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.RunSpec & dpt.RunSpec.$Shape} RunSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.RunSpec & dpt.RunSpec.$Shape;

        /**
         * Decodes a RunSpec message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.RunSpec & dpt.RunSpec.$Shape} RunSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.RunSpec & dpt.RunSpec.$Shape;

        /**
         * Verifies a RunSpec message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a RunSpec message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns RunSpec
         */
        static fromObject(object: { [k: string]: any }): dpt.RunSpec;

        /**
         * Creates a plain object from a RunSpec message. Also converts values to other types if specified.
         * @param message RunSpec
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.RunSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this RunSpec to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for RunSpec
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace RunSpec {

        /** Properties of a RunSpec. */
        interface $Properties {

            /** RunSpec runId */
            runId?: (string|null);

            /** RunSpec config */
            config?: (dpt.TrainConfig.$Properties|null);

            /** RunSpec dataset */
            dataset?: (dpt.DatasetRef.$Properties|null);

            /** RunSpec paramCount */
            paramCount?: (number|null);

            /** RunSpec createdBy */
            createdBy?: (string|null);

            /** RunSpec dispatch */
            dispatch?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RunSpec. */
        type $Shape = dpt.RunSpec.$Properties;
    }

    /**
     * Properties of a ShardResult.
     * @deprecated Use dpt.ShardResult.$Properties instead.
     */
    interface IShardResult extends dpt.ShardResult.$Properties {
    }

    /** Represents a ShardResult. */
    class ShardResult {

        /**
         * Constructs a new ShardResult.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.ShardResult.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ShardResult runId. */
        runId: string;

        /** ShardResult step. */
        step: number;

        /** ShardResult shard. */
        shard: number;

        /** ShardResult version. */
        version: number;

        /** ShardResult samples. */
        samples: number;

        /** ShardResult errorSum. */
        errorSum: number;

        /** ShardResult correct. */
        correct: number;

        /** ShardResult gradient. */
        gradient: Uint8Array;

        /** ShardResult worker. */
        worker: string;

        /** ShardResult pad. */
        pad: Uint8Array;

        /** ShardResult crc32. */
        crc32: number;

        /** ShardResult computeSeconds. */
        computeSeconds: number;

        /** ShardResult host. */
        host: string;

        /** ShardResult shardCount. */
        shardCount: number;

        /**
         * Creates a new ShardResult instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ShardResult instance
         */
        static create(properties: dpt.ShardResult.$Shape): dpt.ShardResult & dpt.ShardResult.$Shape;
        static create(properties?: dpt.ShardResult.$Properties): dpt.ShardResult;

        /**
         * Encodes the specified ShardResult message. Does not implicitly {@link dpt.ShardResult.verify|verify} messages.
         * @param message ShardResult message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.ShardResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ShardResult message, length delimited. Does not implicitly {@link dpt.ShardResult.verify|verify} messages.
         * @param message ShardResult message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.ShardResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ShardResult message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.ShardResult & dpt.ShardResult.$Shape} ShardResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.ShardResult & dpt.ShardResult.$Shape;

        /**
         * Decodes a ShardResult message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.ShardResult & dpt.ShardResult.$Shape} ShardResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.ShardResult & dpt.ShardResult.$Shape;

        /**
         * Verifies a ShardResult message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ShardResult message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ShardResult
         */
        static fromObject(object: { [k: string]: any }): dpt.ShardResult;

        /**
         * Creates a plain object from a ShardResult message. Also converts values to other types if specified.
         * @param message ShardResult
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.ShardResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ShardResult to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ShardResult
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ShardResult {

        /** Properties of a ShardResult. */
        interface $Properties {

            /** ShardResult runId */
            runId?: (string|null);

            /** ShardResult step */
            step?: (number|null);

            /** ShardResult shard */
            shard?: (number|null);

            /** ShardResult version */
            version?: (number|null);

            /** ShardResult samples */
            samples?: (number|null);

            /** ShardResult errorSum */
            errorSum?: (number|null);

            /** ShardResult correct */
            correct?: (number|null);

            /** ShardResult gradient */
            gradient?: (Uint8Array|null);

            /** ShardResult worker */
            worker?: (string|null);

            /** ShardResult pad */
            pad?: (Uint8Array|null);

            /** ShardResult crc32 */
            crc32?: (number|null);

            /** ShardResult computeSeconds */
            computeSeconds?: (number|null);

            /** ShardResult host */
            host?: (string|null);

            /** ShardResult shardCount */
            shardCount?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ShardResult. */
        type $Shape = dpt.ShardResult.$Properties;
    }

    /**
     * Properties of a ShardFailure.
     * @deprecated Use dpt.ShardFailure.$Properties instead.
     */
    interface IShardFailure extends dpt.ShardFailure.$Properties {
    }

    /** Represents a ShardFailure. */
    class ShardFailure {

        /**
         * Constructs a new ShardFailure.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.ShardFailure.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ShardFailure runId. */
        runId: string;

        /** ShardFailure step. */
        step: number;

        /** ShardFailure shard. */
        shard: number;

        /** ShardFailure reason. */
        reason: string;

        /** ShardFailure worker. */
        worker: string;

        /**
         * Creates a new ShardFailure instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ShardFailure instance
         */
        static create(properties: dpt.ShardFailure.$Shape): dpt.ShardFailure & dpt.ShardFailure.$Shape;
        static create(properties?: dpt.ShardFailure.$Properties): dpt.ShardFailure;

        /**
         * Encodes the specified ShardFailure message. Does not implicitly {@link dpt.ShardFailure.verify|verify} messages.
         * @param message ShardFailure message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.ShardFailure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ShardFailure message, length delimited. Does not implicitly {@link dpt.ShardFailure.verify|verify} messages.
         * @param message ShardFailure message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.ShardFailure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ShardFailure message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.ShardFailure & dpt.ShardFailure.$Shape} ShardFailure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.ShardFailure & dpt.ShardFailure.$Shape;

        /**
         * Decodes a ShardFailure message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.ShardFailure & dpt.ShardFailure.$Shape} ShardFailure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.ShardFailure & dpt.ShardFailure.$Shape;

        /**
         * Verifies a ShardFailure message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ShardFailure message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ShardFailure
         */
        static fromObject(object: { [k: string]: any }): dpt.ShardFailure;

        /**
         * Creates a plain object from a ShardFailure message. Also converts values to other types if specified.
         * @param message ShardFailure
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.ShardFailure, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ShardFailure to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ShardFailure
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ShardFailure {

        /** Properties of a ShardFailure. */
        interface $Properties {

            /** ShardFailure runId */
            runId?: (string|null);

            /** ShardFailure step */
            step?: (number|null);

            /** ShardFailure shard */
            shard?: (number|null);

            /** ShardFailure reason */
            reason?: (string|null);

            /** ShardFailure worker */
            worker?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ShardFailure. */
        type $Shape = dpt.ShardFailure.$Properties;
    }

    /**
     * Properties of a WeightsSnapshot.
     * @deprecated Use dpt.WeightsSnapshot.$Properties instead.
     */
    interface IWeightsSnapshot extends dpt.WeightsSnapshot.$Properties {
    }

    /** Represents a WeightsSnapshot. */
    class WeightsSnapshot {

        /**
         * Constructs a new WeightsSnapshot.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.WeightsSnapshot.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** WeightsSnapshot runId. */
        runId: string;

        /** WeightsSnapshot version. */
        version: number;

        /** WeightsSnapshot dtype. */
        dtype: string;

        /** WeightsSnapshot params. */
        params: Uint8Array;

        /** WeightsSnapshot pad. */
        pad: Uint8Array;

        /** WeightsSnapshot crc32. */
        crc32: number;

        /**
         * Creates a new WeightsSnapshot instance using the specified properties.
         * @param [properties] Properties to set
         * @returns WeightsSnapshot instance
         */
        static create(properties: dpt.WeightsSnapshot.$Shape): dpt.WeightsSnapshot & dpt.WeightsSnapshot.$Shape;
        static create(properties?: dpt.WeightsSnapshot.$Properties): dpt.WeightsSnapshot;

        /**
         * Encodes the specified WeightsSnapshot message. Does not implicitly {@link dpt.WeightsSnapshot.verify|verify} messages.
         * @param message WeightsSnapshot message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.WeightsSnapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified WeightsSnapshot message, length delimited. Does not implicitly {@link dpt.WeightsSnapshot.verify|verify} messages.
         * @param message WeightsSnapshot message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.WeightsSnapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a WeightsSnapshot message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.WeightsSnapshot & dpt.WeightsSnapshot.$Shape} WeightsSnapshot
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.WeightsSnapshot & dpt.WeightsSnapshot.$Shape;

        /**
         * Decodes a WeightsSnapshot message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.WeightsSnapshot & dpt.WeightsSnapshot.$Shape} WeightsSnapshot
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.WeightsSnapshot & dpt.WeightsSnapshot.$Shape;

        /**
         * Verifies a WeightsSnapshot message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a WeightsSnapshot message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns WeightsSnapshot
         */
        static fromObject(object: { [k: string]: any }): dpt.WeightsSnapshot;

        /**
         * Creates a plain object from a WeightsSnapshot message. Also converts values to other types if specified.
         * @param message WeightsSnapshot
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.WeightsSnapshot, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this WeightsSnapshot to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for WeightsSnapshot
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace WeightsSnapshot {

        /** Properties of a WeightsSnapshot. */
        interface $Properties {

            /** WeightsSnapshot runId */
            runId?: (string|null);

            /** WeightsSnapshot version */
            version?: (number|null);

            /** WeightsSnapshot dtype */
            dtype?: (string|null);

            /** WeightsSnapshot params */
            params?: (Uint8Array|null);

            /** WeightsSnapshot pad */
            pad?: (Uint8Array|null);

            /** WeightsSnapshot crc32 */
            crc32?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a WeightsSnapshot. */
        type $Shape = dpt.WeightsSnapshot.$Properties;
    }

    /**
     * Properties of an EpochMetrics.
     * @deprecated Use dpt.EpochMetrics.$Properties instead.
     */
    interface IEpochMetrics extends dpt.EpochMetrics.$Properties {
    }

    /** Represents an EpochMetrics. */
    class EpochMetrics {

        /**
         * Constructs a new EpochMetrics.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.EpochMetrics.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** EpochMetrics epoch. */
        epoch: number;

        /** EpochMetrics trainError. */
        trainError: number;

        /** EpochMetrics trainAccuracy. */
        trainAccuracy: number;

        /** EpochMetrics testAccuracy. */
        testAccuracy: number;

        /** EpochMetrics seconds. */
        seconds: number;

        /** EpochMetrics samplesPerSecond. */
        samplesPerSecond: number;

        /** EpochMetrics steps. */
        steps: number;

        /** EpochMetrics samples. */
        samples: number;

        /**
         * Creates a new EpochMetrics instance using the specified properties.
         * @param [properties] Properties to set
         * @returns EpochMetrics instance
         */
        static create(properties: dpt.EpochMetrics.$Shape): dpt.EpochMetrics & dpt.EpochMetrics.$Shape;
        static create(properties?: dpt.EpochMetrics.$Properties): dpt.EpochMetrics;

        /**
         * Encodes the specified EpochMetrics message. Does not implicitly {@link dpt.EpochMetrics.verify|verify} messages.
         * @param message EpochMetrics message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.EpochMetrics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified EpochMetrics message, length delimited. Does not implicitly {@link dpt.EpochMetrics.verify|verify} messages.
         * @param message EpochMetrics message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.EpochMetrics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an EpochMetrics message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.EpochMetrics & dpt.EpochMetrics.$Shape} EpochMetrics
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.EpochMetrics & dpt.EpochMetrics.$Shape;

        /**
         * Decodes an EpochMetrics message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.EpochMetrics & dpt.EpochMetrics.$Shape} EpochMetrics
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.EpochMetrics & dpt.EpochMetrics.$Shape;

        /**
         * Verifies an EpochMetrics message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates an EpochMetrics message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns EpochMetrics
         */
        static fromObject(object: { [k: string]: any }): dpt.EpochMetrics;

        /**
         * Creates a plain object from an EpochMetrics message. Also converts values to other types if specified.
         * @param message EpochMetrics
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.EpochMetrics, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this EpochMetrics to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for EpochMetrics
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace EpochMetrics {

        /** Properties of an EpochMetrics. */
        interface $Properties {

            /** EpochMetrics epoch */
            epoch?: (number|null);

            /** EpochMetrics trainError */
            trainError?: (number|null);

            /** EpochMetrics trainAccuracy */
            trainAccuracy?: (number|null);

            /** EpochMetrics testAccuracy */
            testAccuracy?: (number|null);

            /** EpochMetrics seconds */
            seconds?: (number|null);

            /** EpochMetrics samplesPerSecond */
            samplesPerSecond?: (number|null);

            /** EpochMetrics steps */
            steps?: (number|null);

            /** EpochMetrics samples */
            samples?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an EpochMetrics. */
        type $Shape = dpt.EpochMetrics.$Properties;
    }

    /**
     * Properties of a Model.
     * @deprecated Use dpt.Model.$Properties instead.
     */
    interface IModel extends dpt.Model.$Properties {
    }

    /** Represents a Model. */
    class Model {

        /**
         * Constructs a new Model.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.Model.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Model config. */
        config?: (dpt.TrainConfig.$Properties|null);

        /** Model params. */
        params: Uint8Array;

        /** Model dataset. */
        dataset?: (dpt.DatasetRef.$Properties|null);

        /** Model history. */
        history: dpt.EpochMetrics.$Properties[];

        /** Model reduction. */
        reduction: string;

        /**
         * Creates a new Model instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Model instance
         */
        static create(properties: dpt.Model.$Shape): dpt.Model & dpt.Model.$Shape;
        static create(properties?: dpt.Model.$Properties): dpt.Model;

        /**
         * Encodes the specified Model message. Does not implicitly {@link dpt.Model.verify|verify} messages.
         * @param message Model message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.Model.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Model message, length delimited. Does not implicitly {@link dpt.Model.verify|verify} messages.
         * @param message Model message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.Model.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Model message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.Model & dpt.Model.$Shape} Model
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.Model & dpt.Model.$Shape;

        /**
         * Decodes a Model message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.Model & dpt.Model.$Shape} Model
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.Model & dpt.Model.$Shape;

        /**
         * Verifies a Model message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Model message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Model
         */
        static fromObject(object: { [k: string]: any }): dpt.Model;

        /**
         * Creates a plain object from a Model message. Also converts values to other types if specified.
         * @param message Model
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.Model, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Model to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Model
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Model {

        /** Properties of a Model. */
        interface $Properties {

            /** Model config */
            config?: (dpt.TrainConfig.$Properties|null);

            /** Model params */
            params?: (Uint8Array|null);

            /** Model dataset */
            dataset?: (dpt.DatasetRef.$Properties|null);

            /** Model history */
            history?: (dpt.EpochMetrics.$Properties[]|null);

            /** Model reduction */
            reduction?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Model. */
        type $Shape = dpt.Model.$Properties;
    }

    /**
     * Properties of a Checkpoint.
     * @deprecated Use dpt.Checkpoint.$Properties instead.
     */
    interface ICheckpoint extends dpt.Checkpoint.$Properties {
    }

    /** Represents a Checkpoint. */
    class Checkpoint {

        /**
         * Constructs a new Checkpoint.
         * @param [properties] Properties to set
         */
        constructor(properties?: dpt.Checkpoint.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Checkpoint runId. */
        runId: string;

        /** Checkpoint config. */
        config?: (dpt.TrainConfig.$Properties|null);

        /** Checkpoint dataset. */
        dataset?: (dpt.DatasetRef.$Properties|null);

        /** Checkpoint nextEpoch. */
        nextEpoch: number;

        /** Checkpoint nextStep. */
        nextStep: number;

        /** Checkpoint version. */
        version: number;

        /** Checkpoint params. */
        params: Uint8Array;

        /** Checkpoint history. */
        history: dpt.EpochMetrics.$Properties[];

        /** Checkpoint seconds. */
        seconds: number;

        /** Checkpoint samples. */
        samples: number;

        /** Checkpoint reduction. */
        reduction: string;

        /** Checkpoint initSha256. */
        initSha256: string;

        /** Checkpoint initFile. */
        initFile: string;

        /**
         * Creates a new Checkpoint instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Checkpoint instance
         */
        static create(properties: dpt.Checkpoint.$Shape): dpt.Checkpoint & dpt.Checkpoint.$Shape;
        static create(properties?: dpt.Checkpoint.$Properties): dpt.Checkpoint;

        /**
         * Encodes the specified Checkpoint message. Does not implicitly {@link dpt.Checkpoint.verify|verify} messages.
         * @param message Checkpoint message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: dpt.Checkpoint.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Checkpoint message, length delimited. Does not implicitly {@link dpt.Checkpoint.verify|verify} messages.
         * @param message Checkpoint message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: dpt.Checkpoint.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Checkpoint message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {dpt.Checkpoint & dpt.Checkpoint.$Shape} Checkpoint
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dpt.Checkpoint & dpt.Checkpoint.$Shape;

        /**
         * Decodes a Checkpoint message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {dpt.Checkpoint & dpt.Checkpoint.$Shape} Checkpoint
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): dpt.Checkpoint & dpt.Checkpoint.$Shape;

        /**
         * Verifies a Checkpoint message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Checkpoint message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Checkpoint
         */
        static fromObject(object: { [k: string]: any }): dpt.Checkpoint;

        /**
         * Creates a plain object from a Checkpoint message. Also converts values to other types if specified.
         * @param message Checkpoint
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: dpt.Checkpoint, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Checkpoint to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Checkpoint
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Checkpoint {

        /** Properties of a Checkpoint. */
        interface $Properties {

            /** Checkpoint runId */
            runId?: (string|null);

            /** Checkpoint config */
            config?: (dpt.TrainConfig.$Properties|null);

            /** Checkpoint dataset */
            dataset?: (dpt.DatasetRef.$Properties|null);

            /** Checkpoint nextEpoch */
            nextEpoch?: (number|null);

            /** Checkpoint nextStep */
            nextStep?: (number|null);

            /** Checkpoint version */
            version?: (number|null);

            /** Checkpoint params */
            params?: (Uint8Array|null);

            /** Checkpoint history */
            history?: (dpt.EpochMetrics.$Properties[]|null);

            /** Checkpoint seconds */
            seconds?: (number|null);

            /** Checkpoint samples */
            samples?: (number|null);

            /** Checkpoint reduction */
            reduction?: (string|null);

            /** Checkpoint initSha256 */
            initSha256?: (string|null);

            /** Checkpoint initFile */
            initFile?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Checkpoint. */
        type $Shape = dpt.Checkpoint.$Properties;
    }
}
