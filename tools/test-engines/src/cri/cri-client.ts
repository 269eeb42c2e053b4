import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../package-dir.js';
import type { CriMethods } from './cri-types.js';

type Method = keyof CriMethods;
type Callback = (error: grpc.ServiceError | null, response: unknown) => void;
type Stub = grpc.Client & Record<string, (request: unknown, options: grpc.CallOptions, callback: Callback) => void>;

const PROTO = join(PACKAGE_DIR, 'src/cri/cri-runtime.proto');
let definition: grpc.GrpcObject | undefined;

function services(): { runtime: grpc.ServiceClientConstructor; image: grpc.ServiceClientConstructor } {
  definition ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true }),
  );
  const v1 = (definition['runtime'] as grpc.GrpcObject)['v1'] as grpc.GrpcObject;
  return {
    runtime: v1['RuntimeService'] as grpc.ServiceClientConstructor,
    image: v1['ImageService'] as grpc.ServiceClientConstructor,
  };
}

/** A CRI (runtime.v1) client on a unix socket: containerd serves it on its main gRPC address. */
export interface CriClient {
  call<M extends Method>(method: M, request: CriMethods[M][0], timeoutMs?: number): Promise<CriMethods[M][1]>;
  close(): void;
}

export function connectCri(address: string): CriClient {
  const { runtime, image } = services();
  const target = `unix://${address}`;
  const credentials = grpc.credentials.createInsecure();
  const runtimeStub = new runtime(target, credentials) as Stub;
  const imageStub = new image(target, credentials) as Stub;
  return {
    call(method, request, timeoutMs = 120_000) {
      const stub = method === 'ImageStatus' ? imageStub : runtimeStub;
      return new Promise((resolve, reject) => {
        stub[method](request, { deadline: Date.now() + timeoutMs }, (error, response) => {
          if (error) reject(new Error(`CRI ${method}: ${error.details || error.message}`));
          else resolve(response as CriMethods[typeof method][1]);
        });
      });
    },
    close() {
      runtimeStub.close();
      imageStub.close();
    },
  };
}
