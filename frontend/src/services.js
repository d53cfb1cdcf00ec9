// What @jupyterlab/services' kernel connection takes from the package's index: its index
// pulls in every service (contents, terminals, sessions, settings, workspaces...), none of
// which a participant's page uses. build.mjs points the kernel connection's `require("..")`
// here.
export { ServerConnection } from "@jupyterlab/services/lib/serverconnection";
export { CommsOverSubshells } from "@jupyterlab/services/lib/kernel/comm";
