/**
 * Name lists for the sample district. Every name must be encodable in windows-1252, because the
 * SIS export (sis/students_nightly.tsv) is written in that encoding: é ñ ü ç ë ø ’ are fine, while
 * letters such as ễ, ł, ş or ğ are not (generate-samples.ts checks this and stops if one slips in).
 */

export interface NameGroup {
  /** Languages a student of this group may speak at home (the first one is the most common). */
  languages: string[];
  female: string[];
  male: string[];
  last: string[];
}

export const groups: NameGroup[] = [
  {
    languages: ['English'],
    female: ['Olivia', 'Emma', 'Ava', 'Hannah', 'Madison', 'Abigail', 'Grace', 'Claire', 'Harper', 'Riley', 'Zoë'],
    male: ['Liam', 'Noah', 'Ethan', 'Mason', 'Caleb', 'Owen', 'Wyatt', 'Hunter', 'Jackson', 'Carter', 'Declan'],
    last: [
      'Smith',
      'Johnson',
      'Williams',
      'Brown',
      'Miller',
      'Davis',
      'Wilson',
      'Anderson',
      'Taylor',
      'Thompson',
      'Walker',
      'Mitchell',
      'Campbell',
      'Sullivan',
      'Bennett',
      'Foster',
      'Hayes',
      'Reynolds',
      'O’Brien',
      'Byrne',
      'MacDonald',
      'Fitzgerald',
      'Washington',
      'Coleman',
      'Jenkins',
      'Brooks',
    ],
  },
  {
    languages: ['Spanish', 'English'],
    female: ['Sofía', 'Valentina', 'Camila', 'Lucía', 'Ximena', 'María José', 'Isabella', 'Renata', 'Mía'],
    male: ['Mateo', 'Santiago', 'Diego', 'Alejandro', 'Nicolás', 'José', 'Emiliano', 'Sebastián', 'Joaquín'],
    last: [
      'García',
      'Martínez',
      'Hernández',
      'López',
      'González',
      'Rodríguez',
      'Pérez',
      'Sánchez',
      'Ramírez',
      'Muñoz',
      'Núñez',
      'Peña',
      'Ordóñez',
      'Castañeda',
      'Ibáñez',
      'Flores',
      'Cruz',
      'Morales',
    ],
  },
  {
    languages: ['Vietnamese', 'English'],
    female: ['Linh', 'Thao', 'Ngoc', 'Anh', 'Mai', 'Vy'],
    male: ['Minh', 'Bao', 'Huy', 'Khoa', 'Duc', 'Long'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vo', 'Dang', 'Bui'],
  },
  {
    languages: ['Mandarin', 'Cantonese', 'English'],
    female: ['Mei', 'Xiaoling', 'Yan', 'Jia', 'Ruoxi'],
    male: ['Wei', 'Jun', 'Hao', 'Lei', 'Zihan'],
    last: ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Huang', 'Zhou', 'Wu'],
  },
  {
    languages: ['Korean', 'English'],
    female: ['Seo-yeon', 'Ha-eun', 'Ji-woo', 'Min-seo'],
    male: ['Min-jun', 'Do-yun', 'Ye-jun', 'Si-woo'],
    last: ['Kim', 'Park', 'Lee', 'Choi', 'Jung', 'Kang'],
  },
  {
    languages: ['Gujarati', 'Hindi', 'Punjabi', 'Urdu', 'English'],
    female: ['Priya', 'Ananya', 'Diya', 'Saanvi', 'Aisha', 'Meera'],
    male: ['Aarav', 'Arjun', 'Ishaan', 'Rohan', 'Vihaan', 'Kabir'],
    last: ['Patel', 'Sharma', 'Singh', 'Gupta', 'Reddy', 'Iyer', 'Chaudhary', 'Khan', 'Desai'],
  },
  {
    languages: ['Arabic', 'English'],
    female: ['Layla', 'Amira', 'Noor', 'Mariam', 'Yasmin'],
    male: ['Omar', 'Yusuf', 'Hamza', 'Zaid', 'Karim'],
    last: ['Haddad', 'Khalil', 'Nasser', 'Saleh', 'Farah', 'Al-Masri', 'Abdullah'],
  },
  {
    languages: ['Yoruba', 'Igbo', 'Amharic', 'Swahili', 'French', 'English'],
    female: ['Amara', 'Ngozi', 'Zainab', 'Adaeze', 'Tendai', 'Abena'],
    male: ['Chidi', 'Kwame', 'Kofi', 'Tunde', 'Emeka', 'Yared'],
    last: ['Okafor', 'Mensah', 'Adeyemi', 'Nwosu', 'Diallo', 'Boateng', 'Mwangi', 'Abebe', 'N’Diaye'],
  },
  {
    languages: ['English', 'French', 'German', 'Polish', 'Italian', 'Danish', 'Turkish'],
    female: ['Chloé', 'Anaïs', 'Léa', 'Sophie', 'Greta', 'Zofia', 'Giulia', 'Ingrid', 'Maëlle'],
    male: ['François', 'Lukas', 'Björn', 'Søren', 'Matteo', 'Jérôme', 'Tomasz', 'Emre', 'Noël'],
    last: [
      'Müller',
      'Schröder',
      'Lefèvre',
      'Dubois',
      'Moreau',
      'Kowalski',
      'Nowak',
      'Rossi',
      'D’Angelo',
      'Sørensen',
      'Andersson',
      'Çelik',
      'Brandt',
      'Fischer',
      'Garçon',
    ],
  },
];

/** How often each group appears in the district (weights, not percentages). */
export const groupWeights = [34, 24, 7, 6, 4, 8, 5, 6, 6];

export const middleNames = {
  female: ['Rose', 'Marie', 'Grace', 'Elena', 'Jane', 'Lucía', 'Anne', 'Thi', 'Nicole', 'Hope'],
  male: ['James', 'Alexander', 'José', 'Michael', 'Van', 'Thomas', 'Ángel', 'Lee', 'Ray', 'David'],
};

/** Special-education case managers of the district. */
export const caseManagers = [
  'Rachel Goldberg',
  'Marcus Bell',
  'Ana Lucía Ortega',
  'Priya Raman',
  'Tom Kowalczyk',
  'Denise Washington',
  'Hyun-woo Cho',
  'Brigid O’Connell',
];
