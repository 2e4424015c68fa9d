import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoPath } from './harness/repo-paths.js';
import { type Container, type Manifest, ZManifestSchema } from './k8s/k8s-schemas.js';

const run = promisify(execFile);
const K8S = repoPath('infra/k8s');

/** `kubectl kustomize DIR` when kubectl is here; otherwise the base's files as written. */
async function render(dir: string): Promise<{ how: string; documents: unknown[] }> {
  const rendered = await run('kubectl', ['kustomize', join(K8S, dir)], { maxBuffer: 16 * 1024 * 1024 }).then(
    (result) => result.stdout,
    (error: { code?: unknown; stderr?: string }) => {
      if (error.code === 'ENOENT') return undefined;
      throw new Error(`kubectl kustomize ${dir} failed: ${error.stderr}`);
    },
  );
  if (rendered !== undefined) return { how: 'kubectl kustomize', documents: parseYaml(rendered) };
  const base = join(K8S, 'base');
  const files = (await readdir(base)).filter(
    (name) => name.endsWith('.yaml') && name !== 'kustomization.yaml',
  );
  const documents = (
    await Promise.all(files.map(async (name) => parseYaml(await readFile(join(base, name), 'utf8'))))
  ).flat();
  return { how: 'raw base files (kubectl not installed)', documents };
}

function parseYaml(text: string): unknown[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join('\n'));
    return document.toJS();
  });
}

const byKind = <K extends Manifest['kind']>(manifests: Manifest[], kind: K) =>
  manifests.filter((manifest): manifest is Extract<Manifest, { kind: K }> => manifest.kind === kind);

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

function workloads(manifests: Manifest[]) {
  return [
    ...byKind(manifests, 'Deployment').map((d) => ({
      kind: d.kind,
      name: d.metadata.name,
      pod: d.spec.template,
    })),
    ...byKind(manifests, 'Job').map((j) => ({ kind: j.kind, name: j.metadata.name, pod: j.spec.template })),
  ];
}

const seconds = (command: string[] | undefined) =>
  Number(/setTimeout\(.*?,\s*(\d+)\)/.exec(command?.join(' ') ?? '')?.[1] ?? 0) / 1000;

for (const overlay of ['base', 'overlays/example']) {
  describe(`infra/k8s/${overlay}`, async () => {
    const { how, documents } = await render(overlay);
    const parsed = documents.map((document) => ZManifestSchema.safeParse(document));
    const manifests = parsed.flatMap((result) => (result.success ? [result.data] : []));

    it(`every manifest matches the schema of its kind (${how})`, () => {
      const problems = parsed.flatMap((result, index) =>
        result.success
          ? []
          : [
              `${JSON.stringify((documents[index] as { kind?: string; metadata?: { name?: string } })?.kind)} ${JSON.stringify((documents[index] as { metadata?: { name?: string } })?.metadata?.name)}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
            ],
      );
      expect(problems).toEqual([]);
      expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(
        expect.arrayContaining([
          'Deployment/berth-gateway',
          'HorizontalPodAutoscaler/berth-gateway',
          'PodDisruptionBudget/berth-gateway',
          'Deployment/berth-api',
          'Deployment/berth-web',
          'Job/berth-migrate',
          'Secret/berth-secrets',
          'ConfigMap/berth-config',
          'Service/berth-postgres',
          'Service/berth-redis',
          'Ingress/berth',
        ]),
      );
    });

    it('every container has resources, a non-root restricted security context, and (in Deployments) probes', () => {
      for (const { kind, name, pod } of workloads(manifests)) {
        expect(pod.spec.securityContext.runAsNonRoot, name).toBe(true);
        for (const container of pod.spec.containers) {
          expect(container.resources.requests.memory, `${name}/${container.name}`).toBeDefined();
          expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
          if (kind === 'Deployment') {
            expect(container.readinessProbe, `${name}/${container.name} readiness`).toBeDefined();
            expect(container.livenessProbe, `${name}/${container.name} liveness`).toBeDefined();
            for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
              const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
              if (typeof port === 'string') expect(container.ports?.map((p) => p.name)).toContain(port);
            }
          }
          const mounts = container.volumeMounts?.map((mount) => mount.name) ?? [];
          expect(pod.spec.volumes?.map((volume) => volume.name) ?? []).toEqual(
            expect.arrayContaining(mounts),
          );
        }
      }
    });

    it('references only Secrets, ConfigMaps and keys that exist', () => {
      const secrets = new Map(
        byKind(manifests, 'Secret').map((s) => [s.metadata.name, Object.keys(s.stringData)]),
      );
      const configs = new Map(
        byKind(manifests, 'ConfigMap').map((c) => [c.metadata.name, Object.keys(c.data)]),
      );
      for (const { name, pod } of workloads(manifests)) {
        for (const container of pod.spec.containers as Container[]) {
          for (const source of container.envFrom ?? []) {
            if (source.configMapRef) expect(configs.has(source.configMapRef.name), name).toBe(true);
            if (source.secretRef) expect(secrets.has(source.secretRef.name), name).toBe(true);
          }
          for (const variable of container.env ?? []) {
            const secret = variable.valueFrom?.secretKeyRef;
            if (secret && !secret.optional)
              expect(secrets.get(secret.name), `${name} ${variable.name}`).toContain(secret.key);
            const config = variable.valueFrom?.configMapKeyRef;
            if (config) expect(configs.get(config.name), `${name} ${variable.name}`).toContain(config.key);
          }
        }
      }
    });

    it('wires Services, the HPA, the PDBs and the Ingress to things that exist', () => {
      const deployments = byKind(manifests, 'Deployment');
      for (const deployment of deployments) {
        expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(
          true,
        );
      }
      const services = byKind(manifests, 'Service');
      for (const service of services) {
        if (!('selector' in service.spec)) continue;
        const { selector, ports } = service.spec;
        const target = deployments.find((d) => matches(selector, d.spec.template.metadata.labels));
        expect(target, service.metadata.name).toBeDefined();
        const containerPorts = target?.spec.template.spec.containers
          .flatMap((c) => c.ports ?? [])
          .map((p) => p.name);
        for (const port of ports)
          if (typeof port.targetPort === 'string') expect(containerPorts).toContain(port.targetPort);
      }
      for (const hpa of byKind(manifests, 'HorizontalPodAutoscaler')) {
        expect(deployments.map((d) => d.metadata.name)).toContain(hpa.spec.scaleTargetRef.name);
      }
      for (const pdb of byKind(manifests, 'PodDisruptionBudget')) {
        expect(
          deployments.some((d) => matches(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels)),
        ).toBe(true);
      }
      const [ingress] = byKind(manifests, 'Ingress');
      const routes = Object.fromEntries(
        (ingress?.spec.rules ?? []).flatMap((rule) =>
          rule.http.paths.map((path) => [path.path, path.backend.service.name]),
        ),
      );
      expect(routes).toEqual({
        '/agent/v1': 'berth-gateway',
        '/install.sh': 'berth-api',
        '/agent/berth-agent-linux-x64-gnu': 'berth-api',
        '/agent/berth-agent-linux-x64-gnu.sha256': 'berth-api',
        '/agent/berth-agent-linux-x64-musl': 'berth-api',
        '/agent/berth-agent-linux-x64-musl.sha256': 'berth-api',
        '/agent/berth-agent-linux-arm64-gnu': 'berth-api',
        '/agent/berth-agent-linux-arm64-gnu.sha256': 'berth-api',
        '/agent/berth-agent-linux-arm64-musl': 'berth-api',
        '/agent/berth-agent-linux-arm64-musl.sha256': 'berth-api',
        '/api/v1': 'berth-api',
        '/': 'berth-web',
      });
      for (const name of Object.values(routes)) expect(services.map((s) => s.metadata.name)).toContain(name);
    });

    it('has the pods behind the Ingress believe exactly the one hop its controller adds to X-Forwarded-For', () => {
      const configs = new Map(byKind(manifests, 'ConfigMap').map((c) => [c.metadata.name, c.data]));
      for (const name of ['berth-api', 'berth-gateway', 'berth-web']) {
        const deployment = byKind(manifests, 'Deployment').find((d) => d.metadata.name === name);
        const container = deployment?.spec.template.spec.containers[0] as Container | undefined;
        const variable = container?.env?.find((entry) => entry.name === 'TRUST_PROXY');
        const fromKey = variable?.valueFrom?.configMapKeyRef;
        const fromAll = container?.envFrom?.flatMap((source) =>
          source.configMapRef ? [configs.get(source.configMapRef.name)?.TRUST_PROXY] : [],
        );
        const value =
          variable?.value ??
          (fromKey
            ? configs.get(fromKey.name)?.[fromKey.key]
            : fromAll?.find((found) => found !== undefined));
        expect(value, name).toBe('1');
      }
    });

    it('lets a gateway drain on SIGTERM: ready/health probes, preStop, grace period above the drain timeout', () => {
      const [gateway] = byKind(manifests, 'Deployment').filter((d) => d.metadata.name === 'berth-gateway');
      const container = gateway?.spec.template.spec.containers[0];
      expect(container?.readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(container?.livenessProbe?.httpGet?.path).toBe('/healthz');
      const preStop = seconds(container?.lifecycle?.preStop.exec.command);
      expect(preStop).toBeGreaterThan(0);
      const drain = Number(
        byKind(manifests, 'ConfigMap').find((c) => c.metadata.name === 'berth-config')?.data.DRAIN_TIMEOUT_S,
      );
      expect(drain).toBeGreaterThan(0);
      expect(gateway?.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(preStop + drain);
      expect(gateway?.spec.strategy).toMatchObject({ rollingUpdate: { maxUnavailable: 0 } });
    });

    it.runIf(how === 'kubectl kustomize')(
      'puts everything in the berth namespace and pins every image',
      () => {
        for (const manifest of manifests) {
          if (manifest.kind !== 'Namespace')
            expect(manifest.metadata.namespace, manifest.metadata.name).toBe('berth');
        }
        for (const { pod } of workloads(manifests)) {
          for (const container of pod.spec.containers) expect(container.image).toMatch(/:\d+\.\d+\.\d+$/);
        }
      },
    );
  });
}
