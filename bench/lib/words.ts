/**
 * Word banks for the benchmark corpus, modelled on the seed documents (an ICB
 * cover sheet, scrutiny responses, a state-of-the-system report, commissioning
 * intentions) and examples/papers. Names of people are invented.
 *
 * `{ACR}` in a phrase is an acronym slot: the generator writes the expansion
 * with the acronym in brackets at its first use in a paper (or, for papers that
 * are meant to have undefined-acronym findings, the bare acronym).
 */

/** Committees of the default profile, with the aliases authors use, and a few it does not know. */
export const COMMITTEES = [
  'Integrated Care Board',
  'Executive Team',
  'System Recovery & Transformation Board',
  'Provider Collaborative Board',
  'Quality Committee',
  'Public Involvement and Engagement Advisory Committee',
  'Finance and Performance Committee',
  'Audit Committee',
  'Remuneration Committee',
  'Primary Care Commissioning Committee',
] as const;
export const COMMITTEE_ALIASES = ['ICB Board', 'SRTB', 'PCB', 'PIEAC'];
export const UNKNOWN_COMMITTEES = ['Exec Team', 'Finance Committee', 'Quality and Outcomes Committee', 'Place Partnership Board'];

export const HI_HEADINGS = [
  'Health inequalities',
  'Health inequalities and unwarranted variation',
  'Unwarranted variation and health inequalities',
  'Tackling health inequalities',
];

export const FIRST_NAMES = ['Alison', 'David', 'Lucy', 'Mark', 'Sarah', 'Martin', 'Jane', 'Peter', 'Helen', 'Asim', 'Claire', 'Kevin', 'Nadia', 'Ian', 'Rachel', 'Tom', 'Fiona', 'Gareth', 'Priya', 'Stephen', 'Joanne', 'Imran', 'Kath', 'Neil'];
export const SURNAMES = ['Kershaw', 'Crossley', 'Heyes', 'Entwistle', 'Greenhalgh', 'Ashworth', 'Patel', 'Holden', 'Whittaker', 'Hussain', 'Barker', 'Lord', 'Pickup', 'Duckworth', 'Rigby', 'Khan', 'Sharples', 'Nuttall', 'Haworth', 'Singh', 'Fairclough', 'Cowell'];
export const ROLES = [
  'Chief Executive',
  'Deputy Chief Executive/Chief of Recovery and Transformation',
  'Chief Finance Officer',
  'Chief Nursing Officer',
  'Chief Medical Officer',
  'Director of Performance and Delivery',
  'Director of Primary Care',
  'Director of Health and Care Integration',
  'Director of Strategy and Population Health',
  'Director of People',
  'Head of Performance Intelligence',
  'New Models of Care Programme Director',
  'Associate Director of Quality and Safety',
  'Head of Corporate Governance',
  'Senior Programme Manager, Elective Recovery',
];

export const TITLES = [
  'Chief Executive Report',
  'Integrated Performance Report',
  'Financial Plan',
  'Recovery and Transformation Programmes',
  'Fragile Services Wave 1',
  'Transforming Care in the Community',
  'Dental Access and Oral Health',
  'Independent Sector Elective Contract',
  'Patient Transport Contract Extension',
  'Virtual Wards',
  'Urgent and Emergency Care Winter Plan',
  'Quality and Safety Report',
  'Board Assurance Framework',
  'Corporate Risk Register',
  'Mental Health Out of Area Placements',
  'Learning Disability and Autism Programme',
  'Primary Care Access Recovery Plan',
  'Community Diagnostic Centres',
  'Elective Recovery Update',
  'Cancer Performance and Faster Diagnosis',
  'Workforce Plan',
  'Digital Strategy Update',
  'Estates Strategy',
  'Continuing Healthcare Recovery',
  'Special Educational Needs and Disabilities Inspection',
  'Maternity and Neonatal Services Update',
  'Safeguarding Annual Report',
  'Emergency Preparedness Resilience and Response Assurance',
  'Freedom to Speak Up Report',
  'Working with People and Communities',
  'Joint Forward Plan Refresh',
  'Medicines Optimisation',
  'Vascular Services Reconfiguration',
  'Head and Neck Cancer Surgery Consolidation',
  'Integrated Neighbourhood Teams',
  'Stroke Services Review',
  'Audit Committee Chair Report',
  'Month 6 Finance Report',
  'Procurement of NHS 111 Services',
  'Infection Prevention and Control',
];

export const TOPIC_HEADINGS = [
  'Background',
  'Current position',
  'Performance',
  'Urgent and emergency care',
  'Elective care and diagnostics',
  'Cancer',
  'Mental health',
  'Primary care',
  'Community services',
  'Workforce',
  'Finance',
  'Quality and safety',
  'Engagement with people and communities',
  'Digital and data',
  'Estates and infrastructure',
  'Risks',
  'Financial implications',
  'Governance',
  'Options considered',
  'Next steps',
  'Delivery and milestones',
  'Lessons learned',
  'Place-based partnerships',
  'Prevention',
];

/** [acronym, expansion]; those in the default profile are exempt, the rest must be spelled out. */
export const ACRONYMS: readonly (readonly [string, string])[] = [
  ['ICB', 'Integrated Care Board'],
  ['ICS', 'Integrated Care System'],
  ['UEC', 'Urgent and Emergency Care'],
  ['PCN', 'Primary Care Network'],
  ['A&E', 'Accident and Emergency'],
  ['CQC', 'Care Quality Commission'],
  ['VCFSE', 'Voluntary, Community, Faith and Social Enterprise'],
  ['INT', 'Integrated Neighbourhood Teams'],
  ['SRTB', 'System Recovery & Transformation Board'],
  ['FDS', 'Faster Diagnosis Standard'],
  ['NCTR', 'No Criteria To Reside'],
  ['CIP', 'Cost Improvement Programme'],
  ['ERF', 'Elective Recovery Fund'],
  ['SDEC', 'Same Day Emergency Care'],
  ['UCR', 'Urgent Community Response'],
  ['UDA', 'Units of Dental Activity'],
  ['CDC', 'Community Diagnostic Centre'],
  ['OPEL', 'Operational Pressures Escalation Levels'],
  ['MDT', 'Multi-Disciplinary Team'],
  ['PSR', 'Provider Selection Regime'],
  ['BAF', 'Board Assurance Framework'],
  ['EPRR', 'Emergency Preparedness, Resilience and Response'],
  ['LMNS', 'Local Maternity and Neonatal System'],
  ['HOSC', 'Health Overview and Scrutiny Committee'],
];

export const SUBJECTS = [
  'The {ICB}',
  'The {SRTB}',
  'The Provider Collaborative Board',
  'Each place-based partnership',
  'Our four acute trusts',
  'Primary care networks',
  'The programme team',
  'Local authority partners',
  'The Finance and Performance Committee',
  'The Quality Committee',
  'Lancashire and South Cumbria',
  'The system',
  'Clinical leaders from every place',
  'The {VCFSE} alliance',
  'The Executive Team',
];

export const VERBS = [
  'has agreed',
  'continues to monitor',
  'will review',
  'has commissioned',
  'is developing',
  'reported on',
  'has endorsed',
  'has prioritised',
  'is consulting on',
  'has strengthened',
  'will publish',
  'is on track to deliver',
  'has asked for assurance on',
  'remains concerned about',
];

export const OBJECTS = [
  'the elective recovery trajectory',
  'a revised model for {UCR}',
  'the plan to eliminate waits of more than 65 weeks',
  'the community diagnostic programme',
  'the {CIP} for 2024/25',
  'the recruitment of additional mental health practitioners',
  'the business case for a single surgical site for vascular services',
  'the roll-out of {INT} in every place',
  'the dental access recovery plan and the commissioning of additional {UDA}s',
  'the winter resilience plan',
  'the reduction in patients with {NCTR}',
  'the performance of {SDEC} services',
  'the joint strategic needs analysis',
  'the digital maturity assessment',
  'the quality impact assessments for each scheme',
  'the capital programme',
  'the expansion of virtual ward capacity',
  'access to talking therapies',
  'the {FDS} for suspected cancer',
  'the {ERF} allocation',
  'four-hour performance in {A&E}',
  'inspection findings from the {CQC}',
  'the work of each {PCN}',
  'compliance with the {PSR}',
  'the escalation framework and {OPEL} reporting',
  'the {BAF} risks on finance and workforce',
];

export const TAILS = [
  'by the end of quarter 2',
  'in line with the operational plan',
  'across Lancashire and South Cumbria',
  'within the agreed financial envelope',
  'ahead of winter',
  'with partners in each place',
  'for 2024/25',
  'following engagement with staff and patients',
  'as set out in the clinical strategy',
  'subject to the approval of the Board',
  'at pace',
  'as part of the three-year financial recovery plan',
  'in partnership with the local authorities',
];

/** Whole sentences in the register of the seeds. */
export const SENTENCES = [
  'We spend two thirds of our money on treating illness, and too little on keeping people well.',
  'The financial challenges are the symptoms, not the root cause, of the problem: the underlying issue is how services are configured.',
  'Performance in urgent and emergency care was more challenged, although it remains above the national average.',
  'The committee asked for the next report to show waiting lists broken down by deprivation and ethnicity.',
  'Recording of ethnicity on referral remains incomplete at two providers, which limits the conclusions that can be drawn.',
  'Resource capacity and capability may well be a constraining factor, especially given the need to avoid adding cost to the system.',
  'Benefits are tracked in three categories: outcomes and experience, productivity, and financial savings.',
  'Partners are considering models of delivery in which enabling costs are contingent on the value delivered.',
  'The public and staff engagement on the preferred models closed at the end of June, with more than 2,400 responses.',
  'No patient-identifiable information is included in this report.',
  'The programme reports monthly against agreed milestones and benefits.',
  'A further update will be brought to the Board in the autumn.',
  'The proposals were tested with the Public Involvement and Engagement Advisory Committee before submission.',
  'This position is reflected in the principal risks on the corporate risk register.',
  'Trusts have agreed treatment plans for every patient who will breach 65 weeks by September.',
  'The community programme has the primary goal of reducing inequity, improving healthy years and avoiding acute admissions.',
  'Staff survey results show improvement in five of the seven people promise themes.',
  'Most of the shortfall is in orthopaedics, ophthalmology and gynaecology.',
];

export const HI_SENTENCES = [
  'Patients living in the most deprived fifth of neighbourhoods make up 31% of the waiting list but 37% of those waiting more than 52 weeks.',
  'The data has been analysed by deprivation, ethnicity, age and sex, and the gap is widest for people aged over 75.',
  'The programme will prioritise the neighbourhoods where healthy life expectancy is lowest, in line with the Core20PLUS5 approach.',
  'Attendances per head of population from the most deprived neighbourhoods are almost twice those from the least deprived.',
  'An equality impact assessment has been completed and the mitigations it identified are built into the delivery plan.',
  'Uptake among people from Black and Asian communities is lower than average, and targeted outreach is planned with community leaders.',
  'Analysis by sex shows no material difference in performance, but the number of women waiting for gynaecology treatment remains high.',
  'Travel support will be offered to patients on low incomes so that the offer is not taken up mainly by patients from more affluent areas.',
];

export const PURPOSE_VERBS: Record<string, string[]> = {
  approve: ['approve', 'agree', 'endorse'],
  decide: ['decide', 'agree', 'support'],
  discuss: ['discuss', 'consider', 'comment on'],
  assure: ['take assurance from', 'be assured by'],
  note: ['note', 'receive'],
  information: ['note', 'receive for information'],
};
export const PURPOSES = ['approve', 'decide', 'discuss', 'assure', 'note', 'information'] as const;

export const ASSESSMENT_COMMENTS = [
  'Quality impact assessments are undertaken by the programmes within scope',
  'An equality impact assessment has been completed and is available on request',
  'There are no data privacy impacts associated with this paper',
  'The costs are contained within the 2024/25 financial plan',
  'The paper describes performance only and proposes no service change',
  'Detailed risk registers are maintained by each programme',
];

export const OUTCOMES = [
  'The paper was noted and the proposals within it endorsed.',
  'Approved for submission to the Board.',
  'Reviewed in detail; the committee asked for the next report to show variation by deprivation.',
  'Supported, subject to the quality impact assessment being completed.',
  'Noted.',
  'Recommended for approval.',
];

export const RISKS: readonly (readonly [string, string])[] = [
  ['001', 'Urgent and emergency care capacity'],
  ['002', 'Elective recovery'],
  ['003', 'Cancer waiting times'],
  ['004', 'Urgent and emergency care performance'],
  ['005', 'Mental health out of area placements'],
  ['006', 'Primary care access'],
  ['007', 'Dental access'],
  ['008', 'System Financial Sustainability'],
  ['009', 'Workforce supply'],
  ['010', 'Cyber security'],
  ['011', 'Estates condition'],
  ['012', 'Continuing healthcare backlog'],
  ['013', 'Special educational needs and disabilities'],
  ['014', 'Maternity services'],
  ['015', 'Safeguarding'],
  ['016', 'Health inequalities'],
  ['017', 'Industrial action'],
  ['018', 'Fragile services'],
  ['019', 'NOF ratings'],
  ['020', 'Digital infrastructure'],
  ['021', 'Learning disability and autism inpatients'],
  ['022', 'Workforce: recruitment, retention and wellbeing'],
  ['023', 'Capital resource limit'],
  ['024', 'Provider collaboration'],
];

export const TABLE_ROWS = ['Blackpool', 'Lancashire', 'South Cumbria', 'Blackburn with Darwen', 'Central Lancashire', 'Pennine Lancashire', 'Fylde Coast', 'Morecambe Bay', 'West Lancashire'];
export const TABLE_HEADS = [
  ['Place', 'Plan', 'Actual', 'Variance'],
  ['Measure', 'Standard', 'March', 'Trend'],
  ['Provider', 'Referrals', 'Seen within 2 weeks', '%'],
  ['', '£ million', '2024/25', '2025/26'],
  ['Scheme', 'Lead', 'Due', 'Status', 'Saving (£m)'],
];
