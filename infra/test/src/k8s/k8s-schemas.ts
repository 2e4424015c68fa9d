import { z } from 'zod';

/**
 * The parts of the Kubernetes API our manifests use, strict where a typo would silently do
 * nothing (unknown fields in containers, probes, security contexts are refused).
 */
const ZNameSchema = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a DNS-1123 label');
const ZLabelsSchema = z.record(z.string(), z.string());
const ZMetadataSchema = z.object({
  name: ZNameSchema,
  namespace: ZNameSchema.optional(),
  labels: ZLabelsSchema.optional(),
  annotations: ZLabelsSchema.optional(),
});
const ZQuantitySchema = z.union([z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti)?$/), z.number()]);
const ZPortRefSchema = z.union([z.number().int().min(1).max(65535), ZNameSchema]);

const ZProbeSchema = z
  .object({
    httpGet: z
      .object({ path: z.string().startsWith('/'), port: ZPortRefSchema })
      .strict()
      .optional(),
    tcpSocket: z.object({ port: ZPortRefSchema }).strict().optional(),
    exec: z
      .object({ command: z.array(z.string()).min(1) })
      .strict()
      .optional(),
    initialDelaySeconds: z.number().int().min(0).optional(),
    periodSeconds: z.number().int().min(1).optional(),
    timeoutSeconds: z.number().int().min(1).optional(),
    failureThreshold: z.number().int().min(1).optional(),
    successThreshold: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((probe) => [probe.httpGet, probe.tcpSocket, probe.exec].filter(Boolean).length === 1, {
    message: 'a probe has exactly one of httpGet, tcpSocket, exec',
  });

const ZEnvVarSchema = z
  .object({
    name: z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
    value: z.string().optional(),
    valueFrom: z
      .object({
        secretKeyRef: z
          .object({ name: ZNameSchema, key: z.string(), optional: z.boolean().optional() })
          .strict()
          .optional(),
        configMapKeyRef: z
          .object({ name: ZNameSchema, key: z.string(), optional: z.boolean().optional() })
          .strict()
          .optional(),
        fieldRef: z.object({ fieldPath: z.string() }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const ZContainerSchema = z
  .object({
    name: ZNameSchema,
    image: z.string().min(1),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    ports: z
      .array(
        z
          .object({
            name: ZNameSchema.max(15),
            containerPort: z.number().int(),
            protocol: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    env: z.array(ZEnvVarSchema).optional(),
    envFrom: z
      .array(
        z
          .object({
            configMapRef: z.object({ name: ZNameSchema }).strict().optional(),
            secretRef: z.object({ name: ZNameSchema }).strict().optional(),
          })
          .strict(),
      )
      .optional(),
    readinessProbe: ZProbeSchema.optional(),
    livenessProbe: ZProbeSchema.optional(),
    startupProbe: ZProbeSchema.optional(),
    lifecycle: z
      .object({ preStop: z.object({ exec: z.object({ command: z.array(z.string()) }).strict() }).strict() })
      .strict()
      .optional(),
    resources: z
      .object({
        requests: z.object({ cpu: ZQuantitySchema, memory: ZQuantitySchema }).strict(),
        limits: z.object({ cpu: ZQuantitySchema.optional(), memory: ZQuantitySchema }).strict(),
      })
      .strict(),
    securityContext: z
      .object({
        allowPrivilegeEscalation: z.literal(false),
        readOnlyRootFilesystem: z.literal(true),
        runAsNonRoot: z.literal(true).optional(),
        capabilities: z.object({ drop: z.array(z.literal('ALL')).length(1) }).strict(),
      })
      .strict(),
    volumeMounts: z
      .array(z.object({ name: ZNameSchema, mountPath: z.string().startsWith('/') }).strict())
      .optional(),
  })
  .strict();
export type Container = z.infer<typeof ZContainerSchema>;

export const ZPodSpecSchema = z
  .object({
    restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional(),
    automountServiceAccountToken: z.literal(false),
    terminationGracePeriodSeconds: z.number().int().min(1).optional(),
    securityContext: z
      .object({
        runAsNonRoot: z.literal(true),
        runAsUser: z.number().int().min(1),
        runAsGroup: z.number().int().min(1).optional(),
        seccompProfile: z.object({ type: z.literal('RuntimeDefault') }).strict(),
      })
      .strict(),
    topologySpreadConstraints: z.array(z.record(z.string(), z.unknown())).optional(),
    containers: z.array(ZContainerSchema).min(1),
    volumes: z
      .array(
        z
          .object({
            name: ZNameSchema,
            emptyDir: z.object({ sizeLimit: ZQuantitySchema.optional() }).strict(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type PodSpec = z.infer<typeof ZPodSpecSchema>;

const ZPodTemplateSchema = z.object({
  metadata: z.object({ labels: ZLabelsSchema, annotations: ZLabelsSchema.optional() }).strict(),
  spec: ZPodSpecSchema,
});

const ZServicePortSchema = z
  .object({
    name: ZNameSchema,
    port: z.number().int(),
    targetPort: ZPortRefSchema.optional(),
    protocol: z.string().optional(),
  })
  .strict();

export const ZManifestSchema = z.discriminatedUnion('kind', [
  z.object({ apiVersion: z.literal('v1'), kind: z.literal('Namespace'), metadata: ZMetadataSchema }).strict(),
  z
    .object({
      apiVersion: z.literal('v1'),
      kind: z.literal('ConfigMap'),
      metadata: ZMetadataSchema,
      data: z.record(z.string(), z.string()),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('v1'),
      kind: z.literal('Secret'),
      metadata: ZMetadataSchema,
      type: z.literal('Opaque'),
      stringData: z.record(z.string(), z.string()),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('v1'),
      kind: z.literal('Service'),
      metadata: ZMetadataSchema,
      spec: z.union([
        z
          .object({
            type: z.literal('ExternalName'),
            externalName: z.string().min(1),
            ports: z.array(ZServicePortSchema),
          })
          .strict(),
        z
          .object({
            type: z.literal('ClusterIP').optional(),
            selector: ZLabelsSchema,
            ports: z.array(ZServicePortSchema).min(1),
          })
          .strict(),
      ]),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('apps/v1'),
      kind: z.literal('Deployment'),
      metadata: ZMetadataSchema,
      spec: z
        .object({
          replicas: z.number().int().min(1),
          revisionHistoryLimit: z.number().int().optional(),
          selector: z.object({ matchLabels: ZLabelsSchema }).strict(),
          strategy: z.record(z.string(), z.unknown()).optional(),
          template: ZPodTemplateSchema,
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('batch/v1'),
      kind: z.literal('Job'),
      metadata: ZMetadataSchema,
      spec: z
        .object({
          backoffLimit: z.number().int().min(0),
          activeDeadlineSeconds: z.number().int().min(1).optional(),
          ttlSecondsAfterFinished: z.number().int().min(0).optional(),
          template: ZPodTemplateSchema.refine((template) => template.spec.restartPolicy !== 'Always', {
            message: 'a Job pod must not restart Always',
          }),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('autoscaling/v2'),
      kind: z.literal('HorizontalPodAutoscaler'),
      metadata: ZMetadataSchema,
      spec: z
        .object({
          scaleTargetRef: z
            .object({ apiVersion: z.literal('apps/v1'), kind: z.literal('Deployment'), name: ZNameSchema })
            .strict(),
          minReplicas: z.number().int().min(1),
          maxReplicas: z.number().int().min(1),
          metrics: z.array(z.record(z.string(), z.unknown())).min(1),
          behavior: z.record(z.string(), z.unknown()).optional(),
        })
        .strict()
        .refine((spec) => spec.minReplicas <= spec.maxReplicas, { message: 'minReplicas > maxReplicas' }),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('policy/v1'),
      kind: z.literal('PodDisruptionBudget'),
      metadata: ZMetadataSchema,
      spec: z
        .object({
          minAvailable: z.union([z.number(), z.string()]).optional(),
          maxUnavailable: z.union([z.number(), z.string()]).optional(),
          selector: z.object({ matchLabels: ZLabelsSchema }).strict(),
        })
        .strict()
        .refine((spec) => (spec.minAvailable === undefined) !== (spec.maxUnavailable === undefined), {
          message: 'exactly one of minAvailable and maxUnavailable',
        }),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('networking.k8s.io/v1'),
      kind: z.literal('Ingress'),
      metadata: ZMetadataSchema,
      spec: z
        .object({
          ingressClassName: z.string().optional(),
          tls: z.array(z.object({ hosts: z.array(z.string()), secretName: ZNameSchema }).strict()).optional(),
          rules: z.array(
            z
              .object({
                host: z.string(),
                http: z.object({
                  paths: z.array(
                    z
                      .object({
                        path: z.string().startsWith('/'),
                        pathType: z.enum(['Prefix', 'Exact', 'ImplementationSpecific']),
                        backend: z.object({
                          service: z
                            .object({ name: ZNameSchema, port: z.object({ name: ZNameSchema }).strict() })
                            .strict(),
                        }),
                      })
                      .strict(),
                  ),
                }),
              })
              .strict(),
          ),
        })
        .strict(),
    })
    .strict(),
]);
export type Manifest = z.infer<typeof ZManifestSchema>;
