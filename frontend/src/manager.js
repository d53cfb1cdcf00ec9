// A widget manager for one page and its one kernel: ipywidgets' ManagerBase with the comm
// plumbing of @jupyterlab/services' kernel connection (as jupyterlab-manager's
// KernelWidgetManager does), but no JupyterLab application around it.
import { shims } from "@jupyter-widgets/base";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import { Widget } from "@lumino/widgets";

import { MODULES } from "./controls";

export class PageWidgetManager extends ManagerBase {
  constructor(kernel) {
    super();
    this.kernel = kernel;
    // Widgets the kernel creates later (a rebuilt page, a new row) arrive as comm_open.
    kernel.registerCommTarget(this.comm_target_name, async (comm, msg) => {
      await this.handle_comm_open(new shims.services.Comm(comm), msg);
    });
  }

  async loadClass(className, moduleName) {
    const cls = MODULES[moduleName] && MODULES[moduleName][className];
    if (!cls) {
      throw new Error(`${moduleName}.${className} is not part of this page's widgets`);
    }
    return cls;
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) {
      comm.open(data, metadata, buffers);
    }
    return new shims.services.Comm(comm);
  }

  async _get_comm_info() {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.status === "ok" ? reply.content.comms : {};
  }

  /** Every widget model the kernel holds, in one request (ipywidgets' control comm). */
  async loadFromKernel() {
    await this._loadFromKernel();
  }

  /** Show the view of `modelId` inside `host` (the placeholder our template rendered). */
  async render(modelId, host) {
    const model = await this.get_model(modelId);
    const view = await this.create_view(model);
    host.textContent = "";
    Widget.attach(view.luminoWidget, host);
    return view;
  }
}
