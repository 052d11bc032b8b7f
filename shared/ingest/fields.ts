/**
 * Canonical import fields per kind, with the header spellings real extracts use.
 * Synonyms are listed most-preferred first: when two columns match a field equally well,
 * the column matching the earlier synonym wins (e.g. NHS Number over Hospital Number).
 */
import type { ImportKind } from '../model';

export type FieldKind = 'text' | 'date' | 'time' | 'datetime' | 'number' | 'money' | 'period';

export interface FieldSpec {
  id: string;
  label: string;
  required: boolean;
  description: string;
  synonyms: string[];
  kind: FieldKind;
  /** Patient identifiers that are recognised only so that they are never stored. */
  drop?: boolean;
  /**
   * Fields sharing a group are required together as alternatives: at least one of them must be mapped
   * (a statement needs a line amount or a unit price). `label` names the alternatives for messages.
   */
  oneOf?: { group: string; label: string };
}

export const RIS_FIELDS: FieldSpec[] = [
  {
    id: 'accession',
    label: 'Accession number',
    required: true,
    kind: 'text',
    description: 'Identifies the examination; with the examination code it is the key of an examination.',
    synonyms: [
      'Accession Number', 'Accession No', 'Accession', 'Acc No', 'Acc Number', 'Acc Num', 'Accession ID',
      'Radiological Accession Number', 'Accession Nbr', 'Acc', 'Study Accession Number', 'Exam Accession Number',
      'Examination Accession Number', 'Order Accession Number', 'Accession Code', 'Exam Number', 'Examination Number',
      'Exam Key', 'Event Key',
    ],
  },
  {
    id: 'examCode',
    label: 'Examination code',
    required: false,
    kind: 'text',
    description: 'NICIP or local examination code.',
    synonyms: [
      'Exam Code', 'Examination Code', 'NICIP Code', 'NICIP', 'Imaging Code (NICIP)', 'Imaging Code', 'Procedure Code',
      'Exam Cd', 'Test Code', 'Investigation Code', 'Study Code', 'Proc Code', 'Order Code', 'Exam Type Code',
      'Local Exam Code', 'Examination Type Code', 'Procedure ID',
    ],
  },
  {
    id: 'examName',
    label: 'Examination name',
    required: false,
    kind: 'text',
    description: 'Examination description, e.g. "XR Chest" or "CT Head".',
    synonyms: [
      'Exam Name', 'Examination Name', 'Examination', 'Exam', 'Exam Description', 'Examination Description',
      'Exam Desc', 'Procedure', 'Procedure Name', 'Procedure Description', 'Proc Desc', 'Study Description',
      'Test Name', 'Test Description', 'Investigation', 'Investigation Name', 'NICIP Description', 'NICIP Name',
      'Order Description', 'Exam Title', 'Examination Title', 'Requested Exam', 'Examination Performed',
    ],
  },
  {
    id: 'modality',
    label: 'Modality',
    required: false,
    kind: 'text',
    description: 'Modality code or name (XR, CT, MR, US, DICOM codes...).',
    synonyms: [
      'Modality', 'Modality Code', 'Modality Name', 'Modality Description', 'Exam Modality', 'Imaging Modality',
      'Modality Type', 'Mod', 'Exam Type', 'Examination Type', 'Imaging Type', 'Scan Type', 'Section',
      'Imaging Section', 'Exam Section',
    ],
  },
  {
    id: 'site',
    label: 'Site',
    required: false,
    kind: 'text',
    description: 'Where the examination was performed.',
    synonyms: [
      'Site', 'Site Code', 'Site Code (of Imaging)', 'Imaging Site', 'Imaging Site Code', 'Site Name', 'Hospital',
      'Hospital Site', 'Hospital Name', 'Location', 'Exam Location', 'Examination Location', 'Performing Location',
      'Performing Site', 'Facility', 'Performing Facility', 'Department', 'Performing Department', 'Dept', 'Unit',
    ],
  },
  {
    id: 'patientSource',
    label: 'Patient source',
    required: false,
    kind: 'text',
    description: 'Inpatient, outpatient, A&E, GP direct access or other (DID codes 01–07 accepted).',
    synonyms: [
      'Patient Source', 'Patient Type', 'Patient Source Setting Type (Diagnostic Imaging)', 'Patient Source Setting Type',
      'Patient Source Setting', 'Source Setting', 'Patient Category', 'Patient Class', 'Patient Setting', 'Pat Type',
      'Pat Source', 'Patient Status', 'Episode Type', 'Encounter Type', 'Referral Source', 'Source of Referral',
      'Referral Type', 'Source', 'Setting', 'IP/OP', 'Patient Group',
    ],
  },
  {
    id: 'priority',
    label: 'Priority',
    required: false,
    kind: 'text',
    description: 'Priority or urgency of the request.',
    synonyms: [
      'Priority', 'Urgency', 'Exam Priority', 'Request Priority', 'Clinical Priority', 'Order Priority',
      'Request Urgency', 'Clinical Urgency', 'Urgency Category', 'Priority Code', 'Urgent',
    ],
  },
  {
    id: 'requestDate',
    label: 'Request date',
    required: false,
    kind: 'datetime',
    description: 'When the examination was requested; may hold a date-time.',
    synonyms: [
      'Request Date', 'Requested Date', 'Date Requested', 'Date of Request', 'Request Date Time', 'Request Date/Time',
      'Requested Date/Time', 'Request DateTime', 'Diagnostic Test Request Date', 'Diagnostic Test Request Timestamp',
      'Order Date', 'Ordered Date', 'Date Ordered', 'Order Date/Time', 'Referral Date', 'Date of Referral',
      'Request Created Date', 'Request Made Date',
    ],
  },
  {
    id: 'requestTime',
    label: 'Request time',
    required: false,
    kind: 'time',
    description: 'Time of the request, when it sits in its own column.',
    synonyms: ['Request Time', 'Requested Time', 'Time Requested', 'Time of Request', 'Order Time', 'Ordered Time', 'Referral Time'],
  },
  {
    id: 'examDate',
    label: 'Examination date',
    required: true,
    kind: 'datetime',
    description: 'When the examination was performed; may hold a date-time.',
    synonyms: [
      'Exam Date', 'Examination Date', 'Date of Exam', 'Date of Examination', 'Diagnostic Test Date',
      'Diagnostic Test Timestamp', 'Exam Date Time', 'Exam Date/Time', 'Exam DateTime', 'Examination Date Time',
      'Examination Date/Time', 'Event Date', 'Event Date Time', 'Event Date/Time', 'Study Date', 'Study Date Time',
      'Scan Date', 'Procedure Date', 'Performed Date', 'Date Performed', 'Exam Performed Date', 'Performed Date Time',
      'Test Date', 'Date of Test', 'Attended Date', 'Attendance Date', 'Date Attended', 'Exam Start Date',
      'Exam Start Date/Time', 'Exam Completed Date', 'Completed Date', 'Exam Complete Date', 'Date of Event',
      'Appointment Date', 'Exam Timestamp',
    ],
  },
  {
    id: 'examTime',
    label: 'Examination time',
    required: false,
    kind: 'time',
    description: 'Time of the examination, when it sits in its own column.',
    synonyms: [
      'Exam Time', 'Examination Time', 'Time of Exam', 'Time of Examination', 'Event Time', 'Study Time', 'Scan Time',
      'Procedure Time', 'Performed Time', 'Time Performed', 'Exam Start Time', 'Attended Time', 'Attendance Time',
      'Completed Time', 'Exam Completed Time', 'Appointment Time', 'Test Time',
    ],
  },
  {
    id: 'reportDate',
    label: 'Report date',
    required: false,
    kind: 'datetime',
    description: 'When the report was issued (verified / authorised); may hold a date-time.',
    synonyms: [
      'Report Date', 'Date Reported', 'Reported Date', 'Verified Date', 'Date Verified', 'Authorised Date',
      'Authorized Date', 'Date Authorised', 'Date Authorized', 'Service Report Issue Date', 'Service Report Issue Timestamp',
      'Report Issue Date', 'Report Issued Date', 'Date Report Issued', 'Report Verified Date', 'Report Authorised Date',
      'Report Authorized Date', 'Report Date Time', 'Report Date/Time', 'Reported Date Time', 'Reported Date/Time',
      'Verified Date Time', 'Verified Date/Time', 'Authorised Date Time', 'Authorised Date/Time', 'Finalised Date',
      'Finalized Date', 'Final Report Date', 'Report Finalised Date', 'Signed Date', 'Report Signed Date',
      'Date Signed', 'Result Date', 'Report Completed Date', 'Reported On', 'Verified On', 'Authorised On',
    ],
  },
  {
    id: 'reportTime',
    label: 'Report time',
    required: false,
    kind: 'time',
    description: 'Time the report was issued, when it sits in its own column.',
    synonyms: [
      'Report Time', 'Reported Time', 'Time Reported', 'Verified Time', 'Time Verified', 'Authorised Time',
      'Authorized Time', 'Report Issue Time', 'Report Issued Time', 'Signed Time', 'Report Verified Time',
      'Report Authorised Time', 'Finalised Time',
    ],
  },
  {
    id: 'reporterCode',
    label: 'Reporter code',
    required: false,
    kind: 'text',
    description: 'Code of the person who issued the report; matched against the staff register.',
    synonyms: [
      'Reporter Code', 'Reporter ID', 'Reporting Radiologist Code', 'Radiologist Code', 'Radiologist ID',
      'Reported By Code', 'Reported By ID', 'Reporter Number', 'Reporter User ID', 'Reporter Username',
      'Reporter Initials', 'Verifier Code', 'Verified By Code', 'Authoriser Code', 'Authorised By Code',
      'Reporting Clinician Code', 'Reporting Practitioner Code', 'Reporter GMC', 'Reporter GMC Number',
      'Reporting Doctor Code', 'Reporter Staff Code', 'Reporter Key',
    ],
  },
  {
    id: 'reporterName',
    label: 'Reporter name',
    required: false,
    kind: 'text',
    description: 'Name of the person who issued the report.',
    synonyms: [
      'Reporter Name', 'Reporter', 'Reported By', 'Reporting Radiologist', 'Reporting Radiologist Name', 'Radiologist',
      'Radiologist Name', 'Reporting Clinician', 'Reporting Practitioner', 'Reporting Doctor', 'Verified By',
      'Authorised By', 'Authorized By', 'Verifier', 'Authoriser', 'Signed By', 'Reported By Name', 'Report Author',
      'Reporting Staff', 'Reporting User', 'Reporting Physician', 'Verifying Radiologist',
    ],
  },
  {
    id: 'reporterGroup',
    label: 'Reporter staff group',
    required: false,
    kind: 'text',
    description: 'Staff group or type of the reporter (radiologist, trainee, reporting radiographer...).',
    synonyms: [
      'Staff Group', 'Reporter Type', 'Reporter Group', 'Reporter Staff Group', 'Reporter Role', 'Reporter Category',
      'Reporter Grade', 'Reporter Profession', 'Reporting Staff Group', 'Reporting Staff Type', 'Staff Type',
      'Staff Role', 'Staff Category', 'Clinician Type', 'Radiologist Type', 'Role', 'Job Role', 'Profession',
    ],
  },
  {
    id: 'provider',
    label: 'Outsourcing provider',
    required: false,
    kind: 'text',
    description: 'External reporting company, when the report was outsourced.',
    synonyms: [
      'Outsourcing Provider', 'Provider', 'Reporting Company', 'Outsourced Provider', 'Outsourcing Company',
      'Outsource Company', 'Outsourced To', 'Teleradiology Provider', 'Teleradiology Company', 'External Provider',
      'External Reporting Provider', 'Reporting Provider', 'Reporting Organisation', 'Reporting Organization',
      'Outsourced Company', 'Outsourcing Supplier',
    ],
  },
  {
    id: 'patientId',
    label: 'Patient identifier',
    required: false,
    kind: 'text',
    description: 'NHS number or hospital number; hashed with a per-database salt, never stored in clear.',
    synonyms: [
      'NHS Number', 'NHS No', 'New NHS Number', 'Patient NHS Number', 'Hospital Number', 'Hospital No', 'Hospital ID',
      'MRN', 'Medical Record Number', 'Patient ID', 'Patient Identifier', 'Patient Number', 'Patient No',
      'Local Patient Identifier', 'Local Patient ID', 'PAS Number', 'PAS ID', 'PAS No', 'Unit Number', 'Case Note Number',
      'Casenote Number', 'CRN', 'RIS Number', 'RIS Patient ID', 'Patient Key', 'CHI Number', 'H&C Number',
    ],
  },
  {
    id: 'birthDate',
    label: 'Date of birth (not stored)',
    required: false,
    kind: 'date',
    drop: true,
    description: 'Recognised so it is never stored.',
    synonyms: ['Date of Birth', 'DOB', 'Birth Date', 'Person Birth Date', 'Patient DOB', 'Patient Date of Birth', 'Birthdate'],
  },
  {
    id: 'postcode',
    label: 'Postcode (not stored)',
    required: false,
    kind: 'text',
    drop: true,
    description: 'Recognised so it is never stored.',
    synonyms: ['Postcode', 'Post Code', 'Postcode of Usual Address', 'Patient Postcode', 'Postal Code', 'Address Postcode'],
  },
  {
    id: 'patientName',
    label: 'Patient name (not stored)',
    required: false,
    kind: 'text',
    drop: true,
    description: 'Recognised so it is never stored.',
    synonyms: [
      'Patient Name', 'Name', 'Patient Full Name', 'Patient Surname', 'Surname', 'Patient Forename', 'Forename',
      'First Name', 'Last Name', 'Family Name', 'Given Name', 'Full Name',
    ],
  },
];

export const STAFF_FIELDS: FieldSpec[] = [
  {
    id: 'reporterCode',
    label: 'Reporter code',
    required: true,
    kind: 'text',
    description: 'The code the RIS uses for this reporter.',
    synonyms: [
      'Reporter Code', 'Code', 'Reporter ID', 'Staff Code', 'Staff ID', 'RIS Code', 'RIS User Code', 'RIS ID', 'User Code',
      'User ID', 'Username', 'Login', 'ESR Number', 'ESR ID', 'Employee Number', 'Employee No', 'Employee ID',
      'Staff Number', 'Assignment Number', 'Person Number', 'GMC Number', 'GMC', 'HCPC Number', 'Radiologist Code',
      'Reporter Initials', 'Initials',
    ],
  },
  {
    id: 'name',
    label: 'Name',
    required: false,
    kind: 'text',
    description: 'Reporter name.',
    synonyms: [
      'Name', 'Full Name', 'Reporter Name', 'Staff Name', 'Employee Name', 'Person Name', 'Display Name', 'Reporter',
      'Radiologist', 'Radiologist Name', 'Surname',
    ],
  },
  {
    id: 'group',
    label: 'Staff group',
    required: true,
    kind: 'text',
    description: 'Radiologist, trainee, reporting radiographer, sonographer, other in-house, outsourced or insourced.',
    synonyms: [
      'Staff Group', 'Group', 'Reporter Type', 'Reporter Group', 'Role', 'Job Role', 'Staff Type', 'Staff Category',
      'Category', 'Profession', 'Job Title', 'Position', 'Occupation', 'Reporter Role', 'Type', 'Staff Role',
    ],
  },
  {
    id: 'wte',
    label: 'WTE',
    required: true,
    kind: 'number',
    description: 'Whole-time equivalent (1.0 = full time).',
    synonyms: [
      'WTE', 'FTE', 'Contracted WTE', 'Contracted FTE', 'Whole Time Equivalent', 'Full Time Equivalent',
      'Assignment WTE', 'Assignment FTE', 'Reporting WTE', 'WTE Reporting', 'Reporting FTE', 'Budgeted WTE',
    ],
  },
  {
    id: 'validFrom',
    label: 'Valid from',
    required: false,
    kind: 'date',
    description: 'First day the entry applies; defaults to the start of the data when empty.',
    synonyms: [
      'Valid From', 'Start Date', 'From', 'Date From', 'Effective From', 'Effective Date', 'Start', 'From Date',
      'Assignment Start Date', 'Date Started', 'Date Joined', 'Hire Date', 'Commenced', 'Commencement Date',
    ],
  },
  {
    id: 'validTo',
    label: 'Valid to',
    required: false,
    kind: 'date',
    description: 'Last day the entry applies (inclusive); empty while current.',
    synonyms: [
      'Valid To', 'End Date', 'To', 'Date To', 'Effective To', 'Valid Until', 'Until', 'To Date', 'End', 'Leaving Date',
      'Date Left', 'Left Date', 'Assignment End Date', 'Termination Date', 'Finish Date',
    ],
  },
  {
    id: 'grade',
    label: 'Band or grade',
    required: false,
    kind: 'text',
    description: 'Agenda for Change band or medical grade.',
    synonyms: ['Grade', 'Band', 'Pay Band', 'AfC Band', 'Pay Grade', 'Grade Code', 'Medical Grade', 'Pay Scale', 'Band/Grade'],
  },
  {
    id: 'provider',
    label: 'Provider',
    required: false,
    kind: 'text',
    description: 'Employing company, for outsourced or insourced reporters.',
    synonyms: ['Provider', 'Company', 'Employer', 'Organisation', 'Organization', 'Agency', 'Outsourcing Provider', 'Supplier'],
  },
];

export const LEDGER_FIELDS: FieldSpec[] = [
  {
    id: 'costCentre',
    label: 'Cost centre',
    required: false,
    kind: 'text',
    description: 'Cost centre code or name.',
    synonyms: [
      'Cost Centre', 'Cost Center', 'Cost Centre Code', 'Cost Center Code', 'Cost Centre Name', 'Cost Centre Description',
      'Cost Centre Desc', 'CC', 'CC Code', 'Budget Code', 'Budget Holder Code',
    ],
  },
  {
    id: 'subjectiveCode',
    label: 'Subjective code',
    required: false,
    kind: 'text',
    description: 'Subjective or account code.',
    synonyms: [
      'Subjective Code', 'Subjective', 'Account Code', 'Account', 'GL Code', 'GL Account', 'Nominal Code', 'Nominal',
      'Natural Account', 'Expense Code', 'Expenditure Code', 'Ledger Code', 'Account Number',
    ],
  },
  {
    id: 'subjectiveName',
    label: 'Expense type',
    required: false,
    kind: 'text',
    description: 'Subjective or account description; "Expense Type" in spend-over-£25,000 files.',
    synonyms: [
      'Expense Type', 'Expenses Type', 'Expenditure Type', 'Type of Expenditure', 'Subjective Description',
      'Subjective Name', 'Subjective Desc', 'Account Description', 'Account Name', 'Expense Description',
      'Nominal Description', 'GL Description', 'Expense Category', 'Expenditure Category', 'Spend Category', 'Category',
    ],
  },
  {
    id: 'expenseArea',
    label: 'Expense area',
    required: false,
    kind: 'text',
    description: 'Directorate or service area.',
    synonyms: [
      'Expense Area', 'Expenditure Area', 'Service Area', 'Directorate', 'Division', 'Department', 'Department Name',
      'Business Unit', 'Area', 'Budget Area',
    ],
  },
  {
    id: 'supplier',
    label: 'Supplier',
    required: true,
    kind: 'text',
    description: 'Supplier or payee name.',
    synonyms: [
      'Supplier', 'Supplier Name', 'Vendor', 'Vendor Name', 'Payee', 'Payee Name', 'Creditor', 'Creditor Name',
      'Supplier Description', 'Merchant Name', 'Beneficiary', 'Supplier/Payee',
    ],
  },
  {
    id: 'narrative',
    label: 'Description',
    required: false,
    kind: 'text',
    description: 'Transaction description or narrative.',
    synonyms: [
      'Narrative', 'Description', 'Transaction Description', 'Line Description', 'Invoice Description', 'Details',
      'Transaction Details', 'Item Description', 'Purpose of Expenditure', 'Purpose', 'Comments', 'Memo', 'Journal Description',
    ],
  },
  {
    id: 'period',
    label: 'Period',
    required: false,
    kind: 'period',
    description: 'Ledger period, e.g. "M01", "Month 1", "2023/24 M01", "Apr-23" or a date.',
    synonyms: [
      'Period', 'Accounting Period', 'Financial Period', 'Fiscal Period', 'GL Period', 'Ledger Period', 'Posting Period',
      'Period Name', 'Month', 'Period Number', 'Fin Period',
    ],
  },
  {
    id: 'financialYear',
    label: 'Financial year',
    required: false,
    kind: 'text',
    description: 'Financial year, e.g. "2023/24".',
    synonyms: ['Financial Year', 'Fin Year', 'FY', 'Fiscal Year', 'Accounting Year', 'Year', 'Financial Yr'],
  },
  {
    id: 'transactionDate',
    label: 'Transaction date',
    required: false,
    kind: 'date',
    description: 'Date paid or posted.',
    synonyms: [
      'Date', 'Date Paid', 'Payment Date', 'Transaction Date', 'Paid Date', 'Date of Payment', 'Date of Transaction',
      'Invoice Date', 'Posting Date', 'Date Posted', 'Journal Date', 'GL Date', 'Document Date', 'Accounting Date',
      'Effective Date', 'Value Date',
    ],
  },
  {
    id: 'amount',
    label: 'Amount',
    required: true,
    kind: 'money',
    description: 'Net amount in pounds; credits negative.',
    synonyms: [
      'Amount', 'Amount (£)', 'Amount £', 'Amount GBP', 'Net Amount', 'Value', 'Net Value', 'Transaction Amount', 'Total',
      'Total Amount', 'Line Amount', 'Amount Paid', 'Paid Amount', 'Invoice Amount', 'Spend', 'Expenditure', 'Actual',
      'Actuals', 'Cost', 'Net', 'Sum', 'GBP',
    ],
  },
  {
    id: 'reference',
    label: 'Reference',
    required: false,
    kind: 'text',
    description: 'Transaction number, document or journal reference.',
    synonyms: [
      'Transaction Number', 'Transaction Reference', 'Transaction No', 'Transaction ID', 'Transaction Ref', 'Reference',
      'Ref', 'Journal', 'Journal Reference', 'Journal Number', 'Journal ID', 'Document Number', 'Document Reference',
      'Document No', 'Doc No', 'Invoice Number', 'Invoice No', 'Invoice Reference', 'Payment Reference', 'Voucher Number',
    ],
  },
  {
    id: 'entity',
    label: 'Entity',
    required: false,
    kind: 'text',
    description: 'The publishing body, e.g. the trust.',
    synonyms: ['Entity', 'Entity Name', 'Body', 'Body Name', 'Organisation', 'Organisation Name', 'Organization', 'Trust', 'Trust Name'],
  },
  {
    id: 'departmentFamily',
    label: 'Department family',
    required: false,
    kind: 'text',
    description: 'Government department family (spend-over-£25,000 files).',
    synonyms: ['Department Family', 'Departmental Family', 'Dept Family', 'Department Group'],
  },
];

const ACCESSION_SYNONYMS = RIS_FIELDS.find((f) => f.id === 'accession')!.synonyms;

/** An outsourcing provider's monthly activity statement: one line per examination billed (DATA.md). */
export const STATEMENT_FIELDS: FieldSpec[] = [
  {
    id: 'provider',
    label: 'Provider',
    required: false,
    kind: 'text',
    description: 'The reporting company that billed; when there is no such column, the file name or title names it.',
    synonyms: [
      'Provider', 'Provider Name', 'Reporting Provider', 'Outsourcing Provider', 'Teleradiology Provider', 'Reporting Company',
      'Company', 'Company Name', 'Vendor', 'Vendor Name', 'Billed By',
    ],
  },
  {
    id: 'accession',
    label: 'Accession number',
    required: true,
    kind: 'text',
    description: 'The trust\'s accession number of the examination reported.',
    synonyms: [...ACCESSION_SYNONYMS, 'Client Accession', 'Client Accession Number', 'Trust Accession', 'Trust Accession Number', 'Hospital Accession'],
  },
  {
    id: 'examCode',
    label: 'Examination code',
    required: false,
    kind: 'text',
    description: 'NICIP or local examination code, when the statement gives one.',
    synonyms: ['Exam Code', 'Examination Code', 'NICIP Code', 'NICIP', 'Procedure Code', 'Study Code', 'Service Code', 'Test Code', 'Exam Cd'],
  },
  {
    id: 'examName',
    label: 'Examination',
    required: false,
    kind: 'text',
    description: 'Examination or study description, e.g. "CT Head".',
    synonyms: [
      'Exam Name', 'Examination', 'Examination Name', 'Exam', 'Exam Description', 'Examination Description', 'Procedure',
      'Procedure Name', 'Procedure Description', 'Study', 'Study Description', 'Study Name', 'Service', 'Service Description',
      'Item Description', 'Description',
    ],
  },
  {
    id: 'modality',
    label: 'Modality',
    required: false,
    kind: 'text',
    description: 'Modality code or name (XR, CT, MR, US…).',
    synonyms: ['Modality', 'Modality Code', 'Exam Modality', 'Study Modality', 'Modality Type', 'Exam Type', 'Study Type', 'Scan Type', 'Mod'],
  },
  {
    id: 'priority',
    label: 'Priority',
    required: false,
    kind: 'text',
    description: 'Priority or urgency billed, e.g. Routine, Urgent, Emergency.',
    synonyms: [
      'Priority', 'Urgency', 'Report Priority', 'Exam Priority', 'Study Priority', 'Clinical Priority', 'Service Level',
      'SLA', 'Turnaround Category', 'TAT Category', 'Priority Level',
    ],
  },
  {
    id: 'reportDate',
    label: 'Date reported',
    required: true,
    kind: 'date',
    description: 'When the provider issued the report; prices are taken from the tariff in force that day.',
    synonyms: [
      'Date Reported', 'Report Date', 'Reported Date', 'Reported On', 'Report Issued Date', 'Report Issue Date', 'Date of Report',
      'Verified Date', 'Date Verified', 'Report Verified Date', 'Authorised Date', 'Report Date/Time', 'Reported Date/Time',
      'Report Date Time', 'Report Completed Date', 'Completed Date', 'Date Completed', 'Finalised Date',
    ],
  },
  {
    id: 'period',
    label: 'Statement month',
    required: false,
    kind: 'period',
    description: 'The month the line is billed in, when the statement says ("Oct-25", "2025-10"); else its report month.',
    synonyms: ['Statement Month', 'Statement Period', 'Billing Month', 'Billing Period', 'Invoice Month', 'Invoice Period', 'Period', 'Month'],
  },
  {
    id: 'unitPrice',
    label: 'Unit price',
    required: false,
    oneOf: { group: 'money', label: 'Line amount or unit price' },
    kind: 'money',
    description: 'Price per report, compared with the tariff. A statement needs this or the line amount.',
    synonyms: [
      'Unit Price', 'Unit Price (£)', 'Unit Cost', 'Unit Rate', 'Price', 'Price (£)', 'Price per Report', 'Cost per Report',
      'Rate', 'Rate (£)', 'Fee', 'Fee (£)', 'Tariff', 'Tariff Price', 'Report Fee',
    ],
  },
  {
    id: 'amount',
    label: 'Line amount',
    required: false,
    oneOf: { group: 'money', label: 'Line amount or unit price' },
    kind: 'money',
    description: 'Amount billed for the line; the statement total is their sum. A statement needs this or the unit price.',
    synonyms: [
      'Line Amount', 'Line Total', 'Line Value', 'Amount', 'Amount (£)', 'Amount £', 'Net Amount', 'Net', 'Total',
      'Total (£)', 'Value', 'Charge', 'Charge (£)', 'Amount Due', 'Billed Amount', 'Invoice Amount',
    ],
  },
  {
    id: 'reference',
    label: 'Reference',
    required: false,
    kind: 'text',
    description: "The provider's own reference for the line or invoice.",
    synonyms: ['Reference', 'Ref', 'Invoice Number', 'Invoice No', 'Invoice Reference', 'Line Reference', 'Provider Reference', 'Job Number', 'Case Number', 'Case ID'],
  },
];

/** A tariff: provider × modality (× priority, × examination code) → unit price, with effective dates. */
export const TARIFF_FIELDS: FieldSpec[] = [
  {
    id: 'provider',
    label: 'Provider',
    required: false,
    kind: 'text',
    description: 'The reporting company the price is agreed with; when there is no such column, the file name or title names it.',
    synonyms: ['Provider', 'Provider Name', 'Reporting Provider', 'Outsourcing Provider', 'Supplier', 'Supplier Name', 'Company', 'Vendor'],
  },
  {
    id: 'modality',
    label: 'Modality',
    required: false,
    oneOf: { group: 'what', label: 'Modality or examination code' },
    kind: 'text',
    description: 'Modality code or name (XR, CT, MR, US…). A tariff needs this or the examination code.',
    synonyms: ['Modality', 'Modality Code', 'Modality Name', 'Exam Modality', 'Exam Type', 'Examination Type', 'Study Type', 'Scan Type', 'Service Type'],
  },
  {
    id: 'priority',
    label: 'Priority',
    required: false,
    kind: 'text',
    description: 'Priority the price applies to; empty for every priority.',
    synonyms: ['Priority', 'Urgency', 'Report Priority', 'Service Level', 'SLA', 'Turnaround Category', 'TAT Category', 'Priority Level'],
  },
  {
    id: 'examCode',
    label: 'Examination code',
    required: false,
    oneOf: { group: 'what', label: 'Modality or examination code' },
    kind: 'text',
    description: 'Examination code the price applies to; empty for every examination of the modality. A tariff needs this or the modality.',
    synonyms: ['Exam Code', 'Examination Code', 'NICIP Code', 'NICIP', 'Procedure Code', 'Study Code', 'Service Code'],
  },
  {
    id: 'examName',
    label: 'Description',
    required: false,
    kind: 'text',
    description: 'Description of the priced service; read only to derive a missing modality.',
    synonyms: ['Description', 'Exam Name', 'Examination', 'Examination Name', 'Service', 'Service Description', 'Procedure', 'Study Description'],
  },
  {
    id: 'unitPrice',
    label: 'Unit price',
    required: true,
    kind: 'money',
    description: 'Price per report in pounds.',
    synonyms: [
      'Unit Price', 'Unit Price (£)', 'Price', 'Price (£)', 'Price per Report', 'Cost per Report', 'Tariff', 'Tariff (£)',
      'Tariff Price', 'Rate', 'Rate (£)', 'Unit Rate', 'Fee', 'Fee (£)', 'Report Fee', 'Cost', 'Amount',
    ],
  },
  {
    id: 'effectiveFrom',
    label: 'Effective from',
    required: true,
    kind: 'date',
    description: 'First day the price applies.',
    synonyms: ['Effective From', 'Effective Date', 'Valid From', 'From', 'Date From', 'From Date', 'Start Date', 'Start', 'Price From', 'Applies From'],
  },
  {
    id: 'effectiveTo',
    label: 'Effective to',
    required: false,
    kind: 'date',
    description: 'Last day the price applies (inclusive); empty until a later price replaces it.',
    synonyms: ['Effective To', 'Valid To', 'Valid Until', 'To', 'Date To', 'To Date', 'End Date', 'End', 'Expiry Date', 'Price To', 'Applies To', 'Until'],
  },
];

/**
 * Headers that must not be matched fuzzily to a field because they are a different data item with a
 * similar name (e.g. "NHS Number Status Indicator Code" is not the NHS number; "Referrer Code" is not
 * the reporter). Keys are normalised headers.
 */
export const IGNORED_HEADERS: Record<ImportKind, string[]> = {
  ris: [
    'NHS Number Status Indicator Code', 'NHS Number Status Indicator', 'NHS Number Status', 'Ethnic Category',
    'Ethnicity', 'Person Gender Code Current', 'Gender', 'Sex', 'Person Gender Code',
    'General Medical Practice Code (Patient Registration)', 'General Medical Practice Code', 'GP Practice Code',
    'GP Practice', 'GP Code', 'Registered GP', 'Referrer Code', 'Referrer', 'Referrer Name', 'Referring Clinician',
    'Referring Consultant', 'Referring Organisation Code', 'Referring Organisation', 'Referring Location', 'Age',
    'Patient Age', 'Age at Exam', 'Request Number', 'Order Number', 'Report Text', 'Report', 'Clinical History',
    'Clinical Details', 'Typed Date', 'Typed By', 'Dictated Date', 'Dictated By', 'Vetted Date', 'Vetted By',
    'Appointment Made Date', 'Booked Date', 'Transcribed By',
  ],
  staff: ['Department', 'Specialty', 'Site', 'Email', 'Email Address', 'Manager', 'Cost Centre', 'Notes', 'Comments'],
  ledger: ['VAT', 'VAT Amount', 'VAT Registration Number', 'Supplier Postcode', 'Supplier Number', 'Supplier ID', 'Company Number'],
  statement: [
    'VAT', 'VAT Amount', 'Gross', 'Gross Amount', 'Quantity', 'Qty', 'Patient Name', 'NHS Number', 'Hospital Number',
    'Date of Birth', 'DOB', 'Reporter', 'Reporting Radiologist', 'Radiologist', 'Site', 'Exam Date', 'Study Date',
  ],
  tariff: ['VAT', 'Notes', 'Comments', 'Contract', 'Contract Reference'],
};

/**
 * Second-best headers for a field, matched at lower confidence, so a better column wins when both exist
 * (a DID file's request received date stands in for the request date; its SNOMED code for the NICIP code).
 */
export const WEAK_SYNONYMS: Record<ImportKind, Record<string, string[]>> = {
  ris: {
    requestDate: ['Diagnostic Test Request Received Date', 'Request Received Date', 'Date Request Received', 'Received Date'],
    examCode: ['Imaging Code (SNOMED CT)', 'SNOMED CT Code', 'SNOMED Code'],
    // Beside a separate name column, "Reported By" and the like hold the reporter's code.
    reporterCode: ['Reported By', 'Reporter', 'Reporting Radiologist', 'Verified By', 'Authorised By', 'Authorized By'],
  },
  staff: {},
  ledger: {},
  statement: {},
  tariff: {},
};

/** Confidence of a weak synonym's exact match. */
export const WEAK_CONFIDENCE = 0.7;

export function fieldsFor(kind: ImportKind): FieldSpec[] {
  switch (kind) {
    case 'ris':
      return RIS_FIELDS;
    case 'staff':
      return STAFF_FIELDS;
    case 'ledger':
      return LEDGER_FIELDS;
    case 'statement':
      return STATEMENT_FIELDS;
    case 'tariff':
      return TARIFF_FIELDS;
  }
}

/** Whether a field must be mapped on its own or as one of a group of alternatives. */
export function isRequiredField(field: FieldSpec): boolean {
  return field.required || field.oneOf !== undefined;
}

/**
 * The required fields a mapping lacks, by id: each required field, and for a group of alternatives none of which
 * is mapped, the group's first field.
 */
export function missingRequiredFieldIds(kind: ImportKind, isMapped: (fieldId: string) => boolean): string[] {
  const missing: string[] = [];
  const groups = new Map<string, { first: string; mapped: boolean }>();
  for (const f of fieldsFor(kind)) {
    if (f.oneOf) {
      const g = groups.get(f.oneOf.group) ?? { first: f.id, mapped: false };
      g.mapped ||= isMapped(f.id);
      groups.set(f.oneOf.group, g);
    } else if (f.required && !isMapped(f.id)) {
      missing.push(f.id);
    }
  }
  for (const g of groups.values()) if (!g.mapped) missing.push(g.first);
  return missing;
}

/** How a missing field is named in messages: its label, or its group's label for an alternative. */
export function requiredFieldLabel(kind: ImportKind, fieldId: string): string {
  const f = fieldsFor(kind).find((x) => x.id === fieldId);
  return f?.oneOf?.label ?? f?.label ?? fieldId;
}

/** Patient-identifying RIS fields that are recognised only so that they can be dropped. */
export const DROPPED_FIELD_IDS: readonly string[] = RIS_FIELDS.filter((f) => f.drop).map((f) => f.id);

const MAX_HEADER_LENGTH = 256;
const NUMBER_WORDS = new Set(['no', 'num', 'nbr', 'nmbr', 'numb', 'number']);

/**
 * Words of a header, lower case, accents removed, camelCase split, '&' read as 'and', and
 * '#'/'No'/'Num'/'Nbr' read as 'number'.
 */
export function headerTokens(text: string): string[] {
  // No header is this long; a data cell of megabytes must not cost time here.
  const s = text
    .slice(0, MAX_HEADER_LENGTH)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    // "HTMLParser" → "HTML Parser", with a look-ahead so that a long capital run stays linear.
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/&/g, ' and ');
  return s
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '')
    .map((t) => (NUMBER_WORDS.has(t) ? 'number' : t));
}

/**
 * Case-, space- and punctuation-insensitive form of a header: "Acc No.", "ACC #" and "acc_number " all
 * give "accnumber". Presets store headers in this form.
 */
export function normaliseHeader(text: string): string {
  return headerTokens(text).join('');
}
