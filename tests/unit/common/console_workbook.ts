// Writes a workbook with the console's own writer, for tests/unit/common/test_export_injection.py:
// the rows come as JSON in the first argument, the .xlsx goes to stdout as base64.
import { workbook } from '../../../web/src/ui/xlsx.ts';

const rows = JSON.parse(process.argv[2]);
process.stdout.write(Buffer.from(workbook('Sheet1', rows)).toString('base64'));
