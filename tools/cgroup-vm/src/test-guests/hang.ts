// Guest for the harness spec: never finishes, so only the host's timeout ends the VM.
setInterval(() => undefined, 1000);
