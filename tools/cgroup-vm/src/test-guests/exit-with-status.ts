// Guest for the harness spec: two results, one printed in two writes, then a chosen exit status.
import { report } from '../guest/report.js';

report({ name: 'first', ok: true, detail: 'a "quoted" detail with \\ and ünïcode' });
process.stdout.write('@@katamon {"name":"second",');
process.stdout.write('"ok":false,"detail":"b"}\n');
process.exitCode = 3;
