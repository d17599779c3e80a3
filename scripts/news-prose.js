// Realistic local-news articles for the service benchmark, from sentences written for it: a
// headline, a lede, quotes, figures and background, with names, places and numbers drawn from a
// seeded generator, so the same seed gives the same articles and almost no sentence repeats
// (a repeated sentence would come from the speech cache and flatter the figures).

/** mulberry32: a small, well-known seeded generator. */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const towns = ['Millbrook', 'Ashford', 'Kilbride', 'Dunmore', 'Carrow', 'Hollin', 'Gransby', 'Westray', 'Pelham', 'Stourton', 'Brackley', 'Orford', 'Lanark', 'Tilbury', 'Redmire'];
const firstNames = ['Ana', 'Tom', 'Priya', 'Marek', 'Joan', 'Samuel', 'Leila', 'Owen', 'Grace', 'Hamid', 'Ruth', 'Daniel', 'Mei', 'Patrick', 'Nadia', 'Colin'];
const lastNames = ['Reyes', 'Hartley', 'Okafor', 'Lindqvist', 'Byrne', 'Moreau', 'Castell', 'Nakamura', 'Doyle', 'Fenwick', 'Abara', 'Whitlock', 'Sorensen', 'Quinn'];
const roles = ['councillor', 'head teacher', 'chief executive of the trust', 'chair of the residents’ association', 'harbour master', 'director of public health', 'union representative', 'local historian', 'owner of the bakery on Mill Street', 'project engineer'];
const bodies = ['the town council', 'the county board', 'the water company', 'the hospital trust', 'the transport authority', 'the school governors', 'the planning committee', 'the fire service'];
const projects = ['a new footbridge over the river', 'the flood barrier', 'two more evening buses', 'the library extension', 'a cycle lane along the ring road', 'the harbour wall repairs', 'a second ambulance station', 'the community energy scheme', 'the market hall restoration', 'a youth centre on the old depot site'];
const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const moods = ['relieved', 'cautious', 'frustrated', 'delighted', 'sceptical', 'hopeful'];

export function newsArticle(seed, targetWords) {
  const random = seeded(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const between = (low, high) => low + Math.floor(random() * (high - low + 1));
  const money = () => `$${between(2, 95) * 10_000 + between(0, 9) * 1000}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const person = () => `${pick(firstNames)} ${pick(lastNames)}`;
  const town = pick(towns);
  const project = pick(projects);
  const body = pick(bodies);

  const sentences = [
    () => `${body[0].toUpperCase()}${body.slice(1)} said on ${pick(days)} that work on ${project} would begin in ${pick(months)}, ${between(2, 14)} months later than first planned.`,
    () => `The cost has risen to ${money()}, up from ${money()} when the plan was first put to residents ${between(2, 6)} years ago.`,
    () => `"We have listened to people in ${town}, and we think this is the right way forward," said ${person()}, the ${pick(roles)}.`,
    () => `About ${between(120, 4800)} people signed a petition against the original design, which would have closed ${pick(['the footpath', 'the car park', 'two bus stops', 'the playing field', 'the slipway'])} for ${between(3, 30)} weeks.`,
    () => `${person()}, who has lived in ${town} for ${between(4, 61)} years, said she was ${pick(moods)}. "It has taken a long time, but at least there is a date now."`,
    () => `Figures from ${pick(bodies)} show that ${between(11, 89)} per cent of households in the area use the route at least once a week.`,
    () => `The nearest alternative is ${between(2, 19)} miles away, a journey of about ${between(15, 70)} minutes by road in the morning rush.`,
    () => `Contractors will work from ${between(7, 8)} a.m. to ${between(5, 7)} p.m. on weekdays, and the ${pick(['council', 'trust', 'authority'])} has promised that noisy work will stop at weekends.`,
    () => `A report to the ${pick(['finance', 'planning', 'transport', 'health'])} committee in ${pick(months)} warned that delays could add a further ${money()} to the bill.`,
    () => `${between(2, 7)} opposition members in ${pick(towns)} questioned whether the ${between(2, 19)} per cent contingency fund was large enough, given how prices for steel and concrete have moved.`,
    () => `"Nobody is pretending this will be painless," ${person()} told the meeting, which ran for ${between(2, 4)} hours and drew more than ${between(40, 300)} residents.`,
    () => `The scheme is paid for partly by a government grant of ${money()} and partly by the ${pick(['council', 'county', 'trust'])}’s own reserves.`,
    () => `Shop owners on ${pick(['Quay Street', 'the High Street', 'Station Road', 'Market Square', 'Bridge Lane'])} said they feared losing trade while the work went on, and asked for signs pointing visitors to a temporary entrance.`,
    () => `In ${pick(towns)}, where a similar project finished ${pick(['last spring', 'two years ago', 'in the autumn'])}, traders reported that takings recovered within ${between(2, 10)} months.`,
    () => `${person()}, the ${pick(roles)}, said the team had learned from that work and would publish a weekly update on the ${pick(['council', 'project', 'town'])} website.`,
    () => `Engineers will first survey ${between(3, 40)} sites along the route, a task that is expected to take ${between(2, 9)} weeks if the weather holds.`,
    () => `The last major works in ${town}, in ${between(1978, 2016)}, overran by ${between(3, 20)} months and led to a public inquiry.`,
    () => `"The difference this time is that the money is in place before anyone picks up a shovel," said ${person()}, who has worked on ${between(3, 40)} projects like it.`,
    () => `Residents can comment on the detailed plans until ${between(1, 28)} ${pick(months)}, either online or at ${pick(['the library', 'the town hall', 'the community centre'])}, which will hold drop-in sessions on ${pick(days)} evenings.`,
    () => `A decision on the second phase, which would extend the work to ${pick(towns)}, is expected ${pick(['next year', 'in the spring', 'before the summer', 'by the end of the year'])}.`,
  ];
  const title = `${town} ${pick(['approves', 'delays', 'revives', 'confirms', 'rethinks'])} ${project.replace(/^(a|an|the) /, '')}`;
  const paragraphs = [];
  let words = 0;
  while (words < targetWords) {
    const paragraph = Array.from({ length: between(2, 4) }, () => pick(sentences)()).join(' ');
    paragraphs.push(paragraph);
    words += paragraph.split(/\s+/).length;
  }
  return { title, text: `${title}\n\nBy ${person()}\n\n${paragraphs.join('\n\n')}\n`, words };
}
