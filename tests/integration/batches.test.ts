import { describe, expect, it } from 'vitest';
import { csvBytes, freshEngine } from '../helpers/engine';
import type { ImportKind } from '../../shared/model';

const FILES: Record<ImportKind, string[]> = {
  ris: [
    'Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By,Outsourcing Provider',
    'A1,CHEAD,CT,03/10/2025 09:00,04/10/2025 10:00,MED1,Medica',
    'A2,XCHES,XR,03/10/2025 09:30,03/10/2025 12:00,R1,',
  ],
  staff: ['Code,Name,Staff Group,WTE,Valid From', 'R1,Dr One,radiologist,1,01/04/2025'],
  ledger: [
    'Cost Centre,Account,Supplier,Description,Period,Amount',
    'Radiology,52150,Medica Reporting Ltd,Teleradiology reporting Oct-25,2025/26 M07,38.00',
    'Radiology,52150,Medica Reporting Ltd,Teleradiology reporting Nov-25,2025/26 M08,76.00',
  ],
  tariff: ['Provider,Modality,Priority,Exam Code,Unit Price,Effective From,Effective To', 'Medica,CT,,,£38.00,01/04/2025,', 'Medica,XR,,,£9.00,01/04/2025,'],
  statement: ['Provider,Accession,Modality,Date Reported,Unit Price,Line Amount', 'Medica,A1,CT,04/10/2025,38.00,38.00'],
};

describe('import history', () => {
  it('counts the rows each batch still holds, for every kind of import', async () => {
    const engine = await freshEngine();
    for (const [kind, lines] of Object.entries(FILES) as [ImportKind, string[]][]) {
      const report = await engine.runImport({ source: { kind: 'bytes', name: `${kind}.csv`, bytes: csvBytes(lines) }, kind, commit: true });
      expect(report.rejected, `${kind}: ${JSON.stringify(report.issues)}`).toBe(0);
    }
    const live = Object.fromEntries((await engine.listBatches()).map((b) => [b.kind, b.liveRows]));
    expect(live).toEqual({ ris: 2, staff: 1, ledger: 2, tariff: 2, statement: 1 });
  });
});
