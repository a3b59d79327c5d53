/** A compute kernel: its WGSL and the static facts it was generated for. */
export interface KernelSource {
  /** Identifies the kernel by static parameters only (never by dimensions), e.g. `matmul:t16:transB`. */
  readonly key: string;
  readonly code: string;
  readonly entryPoint?: string;
}

/**
 * Compute pipelines by kernel key. Each is created once with `createComputePipelineAsync`, and the
 * promise is cached, so concurrent calls that need the same kernel share one compilation. Creation runs
 * inside validation and internal error scopes: a shader that does not compile is a thrown error here,
 * never a pipeline that silently produces garbage. A failed creation is evicted so it can be retried.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();

  constructor(private readonly device: GPUDevice) {}

  get(kernel: KernelSource): Promise<GPUComputePipeline> {
    let pipeline = this.pipelines.get(kernel.key);
    if (pipeline === undefined) {
      pipeline = this.create(kernel);
      this.pipelines.set(kernel.key, pipeline);
      pipeline.catch(() => this.pipelines.delete(kernel.key));
    }
    return pipeline;
  }

  /** Number of distinct kernels compiled or compiling. */
  get size(): number {
    return this.pipelines.size;
  }

  clear(): void {
    this.pipelines.clear();
  }

  private async create(kernel: KernelSource): Promise<GPUComputePipeline> {
    const { device } = this;
    // Scopes are pushed and popped with no await between, so concurrent calls cannot interleave them.
    device.pushErrorScope('internal');
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ code: kernel.code, label: kernel.key });
    const pipeline = device.createComputePipelineAsync({
      layout: 'auto',
      compute: { module, entryPoint: kernel.entryPoint ?? 'main' },
      label: kernel.key,
    });
    const validation = device.popErrorScope();
    const internal = device.popErrorScope();
    const [created, validationError, internalError] = await Promise.allSettled([pipeline, validation, internal]);
    const scopeError =
      (validationError.status === 'fulfilled' ? validationError.value : null) ??
      (internalError.status === 'fulfilled' ? internalError.value : null);
    if (scopeError !== null) {
      throw new Error(`webgpu: kernel '${kernel.key}' failed to compile: ${scopeError.message}`);
    }
    if (created.status === 'rejected') {
      const reason = created.reason instanceof Error ? created.reason.message : String(created.reason);
      throw new Error(`webgpu: kernel '${kernel.key}' failed to compile: ${reason}`);
    }
    return created.value;
  }
}
