/*
 * demo.c - a believable demo shop, generated into its own database.
 *
 * demo_generate() runs in three steps:
 *
 *	1. catalog_build(): a catalogue of product groups in six categories
 *	   from name templates ("{mugstyle} Mug — {var} {mugml}"); a group
 *	   with variants (sizes, colours, grinds) becomes one SKU per
 *	   variant sharing a parent_sku. Each SKU gets an EAN-13 barcode, a
 *	   supplier, a price and a cost, and a demand model (below).
 *	2. simulate(): each product lives through opts->days days ending
 *	   at opts->end_time. Each day, in time order: a cycle count
 *	   (07:00), goods arriving (08:00), the day's sales as one movement
 *	   (09:30 to 17:00, capped by what is on the shelf), an adjustment
 *	   (17:00), and the evening reorder decision (goods arrive after
 *	   the supplier's lead time). Products are simulated and inserted
 *	   one after another, so a product's movement ids follow time and
 *	   the movements_product index is appended to in key order (writing
 *	   it in global time order instead is 3x slower at 100,000 SKUs).
 *	3. The products, and their final levels in inventory: on_hand is by
 *	   construction the sum of the product's movements.
 *
 * The demand model: a base rate per product drawn from its class (fast
 * movers, medium, intermittent slow movers that sell on few days, dead
 * items that stopped selling months ago), times a trend (growing or
 * declining, per year), weekly seasonality (Saturday busiest), monthly
 * seasonality per category (gifts in December, stationery in September),
 * Black Friday, closed on Christmas and New Year's Day, and short
 * promotions; units sold are Poisson. The larger the catalogue, the
 * longer its tail of slow movers (head_share()), as in real shops, so a
 * 100,000-SKU demo has millions of movements, not tens of millions.
 *
 * Deterministic: every draw comes from splitmix64 streams seeded from
 * opts->seed (one for the catalogue, one per product for its history).
 *
 * Safe: the target is replaced by rename() of a finished private temp
 * file, and only if it is missing or an earlier demo (meta demo_seed).
 * Durability is off while the file is private; it is synced before the
 * rename and is a normal WAL database afterwards.
 *
 * Called from one thread (the CLI's, a test's). Start at demo_generate().
 */
#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "dbi.h"
#include "demo.h"
#include "ledger.h"
#include "paths.h"
#include "xmalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DAY 86400

/* Times of day, seconds after midnight UTC. */
#define T_OPENING	(7 * 3600)
#define T_COUNT		(7 * 3600)
#define T_RECEIPT	(8 * 3600)
#define T_SALE		(9 * 3600 + 1800)
#define T_SALE_END	(17 * 3600)
#define T_ADJUST	(17 * 3600)

/* SQLite page cache while generating, in KiB (the random index writes). */
#define DEMO_CACHE_KIB (64 * 1024)

/* ---------------------------------------------------------------- */
/* Random numbers: splitmix64, one small state per stream. */

static uint64_t
rng_next(uint64_t *s)
{
	uint64_t	z;

	z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
rng_unit(uint64_t *s)
{
	return (double)(rng_next(s) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [lo, hi]. */
static int64_t
rng_range(uint64_t *s, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)(rng_next(s) % (uint64_t)(hi - lo + 1));
}

static double
rng_between(uint64_t *s, double lo, double hi)
{
	return lo + (hi - lo) * rng_unit(s);
}

/* Log-uniform in [lo, hi]: as many products at 0.1-1 as at 1-10. */
static double
rng_logu(uint64_t *s, double lo, double hi)
{
	return lo * exp(rng_unit(s) * log(hi / lo));
}

static double
rng_normal(uint64_t *s)
{
	double	u1 = 1.0 - rng_unit(s), u2 = rng_unit(s);

	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

/* Poisson by inversion; a normal approximation for large rates. */
static int64_t
rng_poisson(uint64_t *s, double lambda)
{
	double	u, p, f;
	int64_t	k;

	if (lambda <= 0.0)
		return 0;
	if (lambda > 30.0) {
		k = llround(lambda + sqrt(lambda) * rng_normal(s));
		return k < 0 ? 0 : k;
	}
	u = rng_unit(s);
	p = exp(-lambda);
	f = p;
	for (k = 0; u > f && k < 200; k++) {
		p *= lambda / (double)(k + 1);
		f += p;
	}
	return k;
}

/* ---------------------------------------------------------------- */
/* The catalogue as data. */

struct option {
	const char	*name;
	const char	*code;		/* SKU suffix */
};

static const struct option colours[] = {
	{ "Sage", "SAG" }, { "Navy", "NAV" }, { "Charcoal", "CHA" },
	{ "Ochre", "OCH" }, { "Terracotta", "TER" }, { "Cream", "CRM" },
	{ "Black", "BLK" }, { "White", "WHT" }, { "Forest Green", "FOR" },
	{ "Rust", "RST" }, { "Blush", "BLS" }, { "Sky Blue", "SKY" },
	{ "Slate", "SLT" }, { "Mustard", "MUS" }, { "Olive", "OLV" },
	{ "Plum", "PLM" }, { "Sand", "SND" }, { "Teal", "TEL" },
};

static const struct option sizes[] = {
	{ "S", "S" }, { "M", "M" }, { "L", "L" }, { "XL", "XL" },
};
static const double size_share[] = { 0.18, 0.32, 0.30, 0.20 };

static const struct option grinds[] = {
	{ "Whole Bean", "WB" }, { "Espresso Grind", "ESP" },
	{ "Filter Grind", "FIL" },
};
static const double grind_share[] = { 0.55, 0.27, 0.18 };

struct wordlist {
	const char		*key;
	const char *const	*w;
	size_t			 n;
};

static const char *const w_origin[] = {
	"Ethiopia Yirgacheffe", "Ethiopia Guji", "Colombia Huila",
	"Brazil Cerrado", "Guatemala Antigua", "Kenya Nyeri",
	"Sumatra Mandheling", "Costa Rica Tarrazú", "Peru Cajamarca",
	"Rwanda Kivu", "Honduras Marcala", "El Salvador Santa Ana",
	"Nicaragua Jinotega", "Papua New Guinea", "House Espresso Blend",
	"Breakfast Blend", "Swiss Water Decaf", "Mocha Java Blend",
};
static const char *const w_roast[] = {
	"Light Roast", "Medium Roast", "Dark Roast", "Washed", "Natural",
	"Honey Process",
};
static const char *const w_cwt[] = { "250 g", "500 g", "1 kg" };
static const char *const w_tea[] = {
	"Earl Grey", "English Breakfast", "Sencha", "Jasmine Pearl",
	"Darjeeling First Flush", "Rooibos Vanilla", "Chamomile Blossom",
	"Moroccan Mint", "Lapsang Souchong", "Genmaicha", "Assam Gold",
	"Masala Chai", "Milk Oolong", "Hibiscus Berry", "Lemon Ginger",
	"Gunpowder Green", "White Peony", "Ceylon Orange Pekoe",
};
static const char *const w_teaform[] = {
	"Loose Leaf 100 g", "Loose Leaf 250 g", "20 Pyramid Bags",
	"50 Tea Bags", "Caddy 80 g",
};
static const char *const w_mugstyle[] = {
	"Ceramic", "Stoneware", "Speckled Stoneware", "Enamel", "Porcelain",
	"Hand-Thrown", "Matte Glazed", "Diner", "Ribbed Ceramic", "Camp",
};
static const char *const w_mugml[] = {
	"250 ml", "300 ml", "350 ml", "400 ml", "450 ml",
};
static const char *const w_cupml[] = {
	"90 ml", "150 ml", "250 ml", "350 ml", "450 ml",
};
static const char *const w_kitsize[] = { "Small", "Medium", "Large" };
static const char *const w_press[] = { "3-Cup", "4-Cup", "8-Cup", "12-Cup" };
static const char *const w_kettle[] = { "0.6 L", "0.8 L", "1 L", "1.2 L" };
static const char *const w_jar[] = { "0.5 L", "0.75 L", "1 L", "1.5 L" };
static const char *const w_ntbsize[] = { "A4", "A5", "A6", "B5", "Pocket" };
static const char *const w_ruling[] = { "Dotted", "Lined", "Plain", "Grid" };
static const char *const w_metal[] = {
	"Brass", "Aluminium", "Walnut", "Steel", "Copper",
};
static const char *const w_nib[] = { "Extra Fine", "Fine", "Medium", "Broad" };
static const char *const w_penset[] = { "3", "5", "6", "10", "12" };
static const char *const w_lead[] = { "0.3 mm", "0.5 mm", "0.7 mm" };
static const char *const w_hl[] = { "Pastel", "Neon", "Earth Tone", "Mild" };
static const char *const w_pattern[] = {
	"Botanical", "Geometric", "Terrazzo", "Polka Dot", "Wildflower",
	"Marble", "Stripe", "Fern", "Citrus", "Wave", "Mountain",
	"Constellation",
};
static const char *const w_envpack[] = { "10", "25", "50" };
static const char *const w_scent[] = {
	"Fig & Cedar", "Sea Salt & Sage", "Coffee & Vanilla",
	"Black Tea & Bergamot", "Wild Fig", "Amber & Oud", "Lavender Fields",
	"Orange Blossom", "Pine & Clove", "Tobacco Leaf", "Rhubarb",
	"Rose & Pepper", "Cinnamon Bun", "Eucalyptus",
};
static const char *const w_candlewt[] = { "180 g", "200 g", "300 g" };
static const char *const w_tinwt[] = { "80 g", "100 g" };
static const char *const w_giftbox[] = {
	"Coffee Lover's", "Tea Taster's", "Barista Starter", "Afternoon Tea",
	"Writer's Desk", "Cosy Night In", "Candle & Mug", "Hot Chocolate",
};
static const char *const w_animal[] = {
	"Fox", "Hedgehog", "Owl", "Badger", "Hare", "Otter", "Bee", "Whale",
	"Cat", "Corgi", "Puffin", "Frog",
};
static const char *const w_card[] = {
	"Birthday Bee", "Thank You Floral", "New Baby", "Congratulations",
	"Get Well Soon", "Wedding Bells", "Blank Botanical", "With Sympathy",
	"Happy Anniversary", "Season's Greetings",
};
static const char *const w_pieces[] = { "500", "1000" };
static const char *const w_puzzle[] = {
	"Coffee Shop", "Botanical Garden", "City Map", "Mountain Lake",
	"Vintage Labels", "Spice Market", "Library",
};
static const char *const w_tee[] = {
	"Organic Cotton", "Logo", "Heavyweight", "Pocket", "Bean Print",
	"Striped",
};
static const char *const w_hood[] = {
	"Heavyweight Hoodie", "Zip Hoodie", "Crewneck Sweatshirt",
	"Fleece Pullover",
};
static const char *const w_apron[] = {
	"Canvas", "Denim", "Waxed Cotton", "Linen", "Barista", "Cross-Back",
};
static const char *const w_knit[] = {
	"Ribbed Beanie", "Wool Scarf", "Merino Socks", "Fisherman Beanie",
	"Bobble Hat", "Knitted Gloves",
};

#define WL(k, a) { k, a, NELEM(a) }
static const struct wordlist wordlists[] = {
	WL("origin", w_origin), WL("roast", w_roast), WL("cwt", w_cwt),
	WL("tea", w_tea), WL("teaform", w_teaform),
	WL("mugstyle", w_mugstyle), WL("mugml", w_mugml),
	WL("cupml", w_cupml), WL("kitsize", w_kitsize),
	WL("press", w_press), WL("kettle", w_kettle), WL("jar", w_jar),
	WL("ntbsize", w_ntbsize), WL("ruling", w_ruling),
	WL("metal", w_metal), WL("nib", w_nib), WL("penset", w_penset),
	WL("lead", w_lead), WL("hl", w_hl), WL("pattern", w_pattern),
	WL("envpack", w_envpack), WL("scent", w_scent),
	WL("candlewt", w_candlewt), WL("tinwt", w_tinwt),
	WL("giftbox", w_giftbox), WL("animal", w_animal), WL("card", w_card),
	WL("pieces", w_pieces), WL("puzzle", w_puzzle), WL("tee", w_tee),
	WL("hood", w_hood), WL("apron", w_apron), WL("knit", w_knit),
};

/* A name template and its price range in minor units. */
struct tmpl {
	const char	*text;
	int64_t		 lo, hi;
};

static const struct tmpl t_cof[] = {
	{ "{origin} {roast}, {var} {cwt}", 899, 3290 },
	{ "{origin} Coffee Capsules, Pack of 10", 399, 690 },
};
static const struct tmpl t_tea[] = {
	{ "{tea}, {teaform}", 450, 1690 },
};
static const struct tmpl t_mug[] = {
	{ "{mugstyle} Mug — {var} {mugml}", 899, 2490 },
};
static const struct tmpl t_cup[] = {
	{ "Double-Walled Glass Cup {cupml}", 990, 1890 },
	{ "Espresso Cup & Saucer — {var}", 690, 1490 },
	{ "Travel Tumbler {cupml} — {var}", 1490, 2990 },
	{ "Cortado Glass {cupml}", 450, 890 },
	{ "Latte Bowl — {var}", 1190, 1890 },
	{ "Reusable Coffee Cup {cupml} — {var}", 990, 1690 },
	{ "Teacup & Saucer — {var}", 1290, 2290 },
};
static const struct tmpl t_kit[] = {
	{ "Bamboo Cutting Board, {kitsize}", 1290, 3490 },
	{ "Oak Serving Board, {kitsize}", 2490, 5990 },
	{ "French Press, {press}", 1990, 4990 },
	{ "Ceramic Pour-Over Dripper — {var}", 1490, 2990 },
	{ "Gooseneck Kettle {kettle}", 3490, 8990 },
	{ "Linen Tea Towel — {var}", 790, 1490 },
	{ "Hand Coffee Grinder, {kitsize}", 2990, 6990 },
	{ "Milk Frother — {var}", 1490, 3490 },
	{ "Glass Storage Jar {jar}", 590, 1490 },
	{ "Cast Iron Trivet — {pattern}", 990, 1990 },
	{ "Silicone Spatula — {var}", 490, 990 },
	{ "Oven Mitt — {var}", 790, 1490 },
	{ "Digital Coffee Scale — {var}", 2490, 4990 },
	{ "Paper Filters, {press}, Pack of 100", 390, 690 },
	{ "Cold Brew Bottle {jar}", 1490, 2490 },
	{ "Enamel Teapot {kettle} — {var}", 2990, 5490 },
};
static const struct tmpl t_ntb[] = {
	{ "{ntbsize} {ruling} Notebook — {var}", 590, 1890 },
	{ "{ntbsize} Hardcover Journal — {var}", 1290, 2490 },
	{ "Spiral Sketchbook {ntbsize}, {pattern} Cover", 890, 1690 },
};
static const struct tmpl t_pen[] = {
	{ "{metal} Ballpoint Pen — {var}", 1490, 3490 },
	{ "Fountain Pen, {nib} Nib — {var}", 1990, 5990 },
	{ "Gel Pen Set of {penset} — {hl}", 390, 990 },
	{ "Mechanical Pencil {lead} — {var}", 490, 1290 },
	{ "Fineliner Set of {penset} — {hl}", 690, 1490 },
};
static const struct tmpl t_sta[] = {
	{ "Washi Tape Set of 3 — {pattern}", 490, 890 },
	{ "Kraft Envelopes, Pack of {envpack}", 290, 690 },
	{ "Sticky Notes — {var}", 190, 490 },
	{ "Weekly Desk Planner — {var}", 990, 1690 },
	{ "Letterpress Card Set — {pattern}", 890, 1490 },
	{ "Leather Bookmark — {var}", 590, 990 },
	{ "Pencil Case — {var}", 990, 1890 },
};
static const struct tmpl t_cnd[] = {
	{ "Scented Candle — {scent} {candlewt}", 1490, 3290 },
	{ "Travel Tin Candle — {scent} {tinwt}", 790, 1290 },
	{ "Reed Diffuser — {scent} 100 ml", 1690, 2990 },
	{ "Wax Melts — {scent}", 490, 790 },
};
static const struct tmpl t_gft[] = {
	{ "{giftbox} Gift Box", 2490, 4990 },
	{ "Enamel Pin — {animal}", 690, 1090 },
	{ "Canvas Tote Bag — {var}", 1290, 1990 },
	{ "Greeting Card — {card}", 290, 450 },
	{ "Gift Wrap Roll — {pattern}", 390, 690 },
	{ "Keyring — {animal}", 590, 990 },
	{ "Jigsaw Puzzle, {pieces} Pieces — {puzzle}", 1490, 2490 },
	{ "Postcard Set — {puzzle}", 590, 990 },
};
static const struct tmpl t_tsh[] = {
	{ "{tee} T-Shirt — {colour}", 1990, 3490 },
};
static const struct tmpl t_hod[] = {
	{ "{hood} — {colour}", 3990, 6490 },
};
static const struct tmpl t_apr[] = {
	{ "{apron} Apron — {colour}", 1990, 3990 },
};
static const struct tmpl t_knt[] = {
	{ "{knit} — {colour}", 1290, 2990 },
};

enum {
	CAT_COFFEE, CAT_MUGS, CAT_KITCHEN, CAT_STATIONERY, CAT_GIFTS,
	CAT_APPAREL, NCATS
};

struct category {
	const char	*name;
	double		 weight;	/* share of product groups */
	double		 fast;		/* how likely a fast mover */
	double		 fragile;	/* adjustments per product per day */
	double		 month[12];	/* seasonality, January first */
};

static const struct category categories[NCATS] = {
	[CAT_COFFEE] = { "Coffee & Tea", 0.24, 2.5, 1.0 / 900, {
	    1.15, 1.10, 1.00, 0.95, 0.90, 0.85,
	    0.80, 0.85, 0.95, 1.05, 1.15, 1.30 } },
	[CAT_MUGS] = { "Mugs & Cups", 0.18, 0.8, 1.0 / 250, {
	    0.90, 0.95, 0.95, 0.95, 0.95, 0.90,
	    0.85, 0.90, 1.00, 1.05, 1.25, 1.65 } },
	[CAT_KITCHEN] = { "Kitchen", 0.17, 0.5, 1.0 / 400, {
	    0.95, 0.90, 0.95, 1.00, 1.00, 0.95,
	    0.90, 0.90, 1.00, 1.05, 1.25, 1.50 } },
	[CAT_STATIONERY] = { "Stationery", 0.18, 1.0, 1.0 / 900, {
	    1.40, 1.10, 0.95, 0.90, 0.85, 0.80,
	    0.85, 1.30, 1.45, 1.00, 0.95, 1.10 } },
	[CAT_GIFTS] = { "Gifts", 0.15, 0.8, 1.0 / 500, {
	    0.65, 1.05, 0.85, 0.85, 0.95, 0.85,
	    0.80, 0.80, 0.85, 0.95, 1.40, 2.40 } },
	[CAT_APPAREL] = { "Apparel", 0.08, 0.6, 1.0 / 800, {
	    0.90, 0.85, 0.90, 0.95, 1.00, 1.05,
	    1.05, 0.95, 1.00, 1.10, 1.20, 1.40 } },
};

struct supplier {
	const char	*name;
	const char	*gs1;		/* barcode prefix: the country */
	int		 lead;		/* days from order to shelf */
};

static const struct supplier suppliers[] = {
	{ "Highland Roasters Ltd", "501", 4 },
	{ "Kyoto Leaf Trading Co.", "490", 12 },
	{ "Riverside Tea Merchants", "503", 5 },
	{ "Stoneware Studio", "505", 10 },
	{ "Glassworks & Co.", "400", 8 },
	{ "Nordic Kitchen Supply", "571", 7 },
	{ "Brew Gear Wholesale", "506", 6 },
	{ "Paper & Quill", "502", 5 },
	{ "Inkwell Distribution", "504", 6 },
	{ "Brightside Gifts", "508", 7 },
	{ "Ember Candle Works", "509", 9 },
	{ "Threadworks Apparel", "560", 14 },
	{ "Northern Knitwear", "539", 10 },
};

/* How a product type makes variants. */
enum { V_NONE, V_SLOT, V_SIZES };

struct ptype {
	const char		*prefix;	/* of the SKU */
	int			 cat;
	double			 weight;	/* within the category */
	const struct tmpl	*t;
	size_t			 nt;
	int			 vmode;
	const struct option	*vo;		/* V_SLOT: fills {var} */
	size_t			 nvo;
	double			 vprob;		/* chance of a variant group */
	int			 vmin, vmax;
	int			 pack;		/* case size when ordering */
	int			 sup[2];
};

#define T(a) a, NELEM(a)
static const struct ptype ptypes[] = {
	{ "COF", CAT_COFFEE, 0.55, T(t_cof), V_SLOT, T(grinds), 0.35, 2, 3,
	  6, { 0, 0 } },
	{ "TEA", CAT_COFFEE, 0.45, T(t_tea), V_NONE, NULL, 0, 0, 0, 0,
	  6, { 1, 2 } },
	{ "MUG", CAT_MUGS, 0.60, T(t_mug), V_SLOT, T(colours), 0.40, 2, 4,
	  6, { 3, 3 } },
	{ "CUP", CAT_MUGS, 0.40, T(t_cup), V_SLOT, T(colours), 0.25, 2, 3,
	  6, { 4, 3 } },
	{ "KIT", CAT_KITCHEN, 1.00, T(t_kit), V_SLOT, T(colours), 0.20, 2, 3,
	  2, { 5, 6 } },
	{ "NTB", CAT_STATIONERY, 0.45, T(t_ntb), V_SLOT, T(colours), 0.50,
	  2, 4, 10, { 7, 7 } },
	{ "PEN", CAT_STATIONERY, 0.25, T(t_pen), V_SLOT, T(colours), 0.30,
	  2, 3, 10, { 8, 8 } },
	{ "STA", CAT_STATIONERY, 0.30, T(t_sta), V_SLOT, T(colours), 0.20,
	  2, 3, 12, { 7, 8 } },
	{ "CND", CAT_GIFTS, 0.40, T(t_cnd), V_NONE, NULL, 0, 0, 0, 0,
	  6, { 10, 10 } },
	{ "GFT", CAT_GIFTS, 0.60, T(t_gft), V_SLOT, T(colours), 0.15, 2, 3,
	  4, { 9, 9 } },
	{ "TSH", CAT_APPAREL, 0.40, T(t_tsh), V_SIZES, T(sizes), 1.0, 4, 4,
	  5, { 11, 11 } },
	{ "HOD", CAT_APPAREL, 0.25, T(t_hod), V_SIZES, T(sizes), 1.0, 4, 4,
	  4, { 11, 11 } },
	{ "APR", CAT_APPAREL, 0.15, T(t_apr), V_NONE, NULL, 0, 0, 0, 0,
	  4, { 11, 11 } },
	{ "KNT", CAT_APPAREL, 0.20, T(t_knt), V_NONE, NULL, 0, 0, 0, 0,
	  6, { 12, 12 } },
};
#define NPTYPES ((int)NELEM(ptypes))

/* Weekly seasonality, Sunday first; weekends are busiest. */
static const double weekday_factor[7] = {
	1.3, 0.8, 0.85, 0.9, 1.0, 1.15, 1.6
};

/* Who does what. Index 0 is the generator itself. */
enum { U_DEMO, U_MARIA, U_TOM, U_SAM, U_BEN, U_PRIYA };
static const char *const users[] = {
	"demo", "maria", "tom", "sam", "ben", "priya"
};

/* Adjustments: reason (one of ledger_reasons) and notes. */
enum { R_NONE, R_DAMAGED, R_LOST, R_FOUND, R_CORRECTION };
static const char *const reasons[] = {
	NULL, "damaged", "lost", "found", "correction"
};

static const char *const notes[] = {
	"",
	"cycle count",
	"dropped while shelving",
	"broken in delivery",
	"chipped, not sellable",
	"packaging torn",
	"missing after stockroom move",
	"not on shelf at count",
	"found in back room",
	"found behind display",
	"receiving miscount",
	"scanned twice at till",
};
enum { N_NONE, N_COUNT, N_DAMAGED = 2, N_LOST = 6, N_FOUND = 8,
	N_CORRECTION = 10 };

/* ---------------------------------------------------------------- */
/* Generator state. */

enum { C_FAST, C_MEDIUM, C_SLOW, C_DEAD };

struct dprod {
	/* Catalogue. */
	char		*sku;
	char		*name;
	char		*parent;	/* NULL unless a variant */
	char		 barcode[14];	/* "" when none */
	int		 cat;
	int		 sup;
	int64_t		 price, cost;
	int64_t		 rop;		/* manual reorder point, -1 none */
	int64_t		 created_at;

	/* Demand. */
	int		 cls;
	int		 launch;	/* first day of life (day index) */
	int		 stop;		/* no demand from this day */
	int		 troubled;	/* supplier stops delivering at the end */
	int		 cover;		/* days an order should last */
	int		 pack;
	int		 safety;	/* days of safety stock */
	int		 count_every;
	double		 base;		/* units per average day */
	double		 trend;		/* today's trend factor */
	double		 tstep;		/* its daily change */
	int64_t		 init;		/* opening stock */

	/* Simulation. */
	uint64_t	 rng;
	int64_t		 on_hand;
	int64_t		 on_order;
	int		 arrive;	/* day the order arrives */
	int		 next_count;
	int		 promo_left;
	double		 promo;
	int		 order_day;	/* when the open order was placed */
	int64_t		 last_t;
};

struct ev {
	int64_t		 t;
	int64_t		 qty;
	int64_t		 counted;
	int32_t		 prod;
	int32_t		 po;		/* order day + 1, 0 for none */
	uint8_t		 kind;
	uint8_t		 reason;
	uint8_t		 note;
	uint8_t		 user;
};

/* What every product shares about a day. */
struct calday {
	int64_t		 base;		/* midnight, unix seconds */
	double		 f[NCATS];	/* demand factor per category */
	double		 ahead[NCATS];	/* f over the next two weeks */
	int		 ymd;		/* 20251201, for order numbers */
	uint8_t		 closed;
	uint8_t		 staff;		/* on the till */
};

struct gen {
	const struct demo_opts	*o;
	struct db		*db;
	uint64_t		 rng;		/* the catalogue's stream */
	struct dprod		*p;
	int64_t			 np;
	int			 numbers[NPTYPES];
	uint64_t		 company[NELEM(suppliers)];
	uint64_t		 item[NELEM(suppliers)];
	uint64_t		*names;		/* hashes of names taken */
	size_t			 names_cap;
	int64_t			 first_day;	/* day number of index 0 */
	int			 block_from;	/* troubled: no deliveries */
	struct ev		*ev;
	size_t			 nev, evcap;
	int64_t			 movements;
	struct calday		*cal;		/* [days] */
	sqlite3_stmt		*batch;		/* MV_BATCH rows at once */
};

/* ---------------------------------------------------------------- */
/* Calendar. */

/* 0 is Sunday; 1970-01-01 was a Thursday. */
static int
weekday(int64_t day)
{
	return (int)(((day % 7) + 11) % 7);
}

static int
is_thanksgiving(int64_t day)
{
	int	y, m, d;

	clock_civil_from_days(day, &y, &m, &d);
	return m == 11 && weekday(day) == 4 && d >= 22 && d <= 28;
}

/* Shop-wide factor for a day: closed days, Black Friday weekend. */
static double
day_event(int64_t day)
{
	int	y, m, d;

	clock_civil_from_days(day, &y, &m, &d);
	if ((m == 12 && d == 25) || (m == 1 && d == 1))
		return 0.0;
	if (m == 12 && d == 24)
		return 0.7;
	if (is_thanksgiving(day - 1))
		return 2.2;		/* Black Friday */
	if (is_thanksgiving(day - 2) || is_thanksgiving(day - 3))
		return 1.4;
	if (is_thanksgiving(day - 4))
		return 1.6;		/* Cyber Monday */
	return 1.0;
}

/* A category's month factor, interpolated between mid-months. */
static double
season(int cat, int64_t day)
{
	const double	*f = categories[cat].month;
	int		 y, m, d, i, j;
	double		 x;

	clock_civil_from_days(day, &y, &m, &d);
	x = (double)(m - 1) + ((double)d - 15.5) / 30.5;
	i = (int)floor(x);
	x -= i;
	j = ((i + 1) % 12 + 12) % 12;
	i = (i % 12 + 12) % 12;
	return f[i] * (1.0 - x) + f[j] * x;
}

/* ---------------------------------------------------------------- */
/* Catalogue. */

static uint64_t
hash_str(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h | 1;		/* 0 marks an empty slot */
}

static size_t
name_slot(struct gen *g, uint64_t h)
{
	size_t	i = (size_t)h & (g->names_cap - 1);

	while (g->names[i] != 0 && g->names[i] != h)
		i = (i + 1) & (g->names_cap - 1);
	return i;
}

static int
name_taken(struct gen *g, const char *name)
{
	uint64_t	h = hash_str(name);

	return g->names[name_slot(g, h)] == h;
}

static void
name_take(struct gen *g, const char *name)
{
	uint64_t	h = hash_str(name);

	g->names[name_slot(g, h)] = h;
}

static const char *
word_pick(const char *key, uint64_t *rng)
{
	size_t	i;

	for (i = 0; i < NELEM(wordlists); i++) {
		if (strcmp(wordlists[i].key, key) == 0)
			return wordlists[i].w[rng_next(rng) %
			    wordlists[i].n];
	}
	assert(0 && "unknown template word list");
	return "";
}

/* Fill a template; {var} stays as is for the variants to fill. */
static void
expand(const char *tmpl, uint64_t *rng, char *out, size_t sz)
{
	const char	*p = tmpl, *end, *w;
	char		 key[16];
	size_t		 n = 0, len;

	while (*p != '\0' && n + 1 < sz) {
		if (*p != '{' || strncmp(p, "{var}", 5) == 0) {
			out[n++] = *p++;
			continue;
		}
		end = strchr(p, '}');
		assert(end != NULL && (size_t)(end - p) < sizeof key);
		memcpy(key, p + 1, (size_t)(end - p - 1));
		key[end - p - 1] = '\0';
		if (strcmp(key, "colour") == 0)
			w = colours[rng_next(rng) % NELEM(colours)].name;
		else
			w = word_pick(key, rng);
		len = strlen(w);
		if (n + len + 1 > sz)
			break;
		memcpy(out + n, w, len);
		n += len;
		p = end + 1;
	}
	out[n] = '\0';
}

/* Replace {var} in base with var (or append " / var" for sizes). */
static void
variant_name(const char *base, const char *var, int suffix, char *out,
    size_t sz)
{
	const char	*slot;

	if (suffix) {
		snprintf(out, sz, "%s / %s", base, var);
		return;
	}
	if ((slot = strstr(base, "{var}")) == NULL) {
		snprintf(out, sz, "%s", base);
		return;
	}
	snprintf(out, sz, "%.*s%s%s", (int)(slot - base), base, var, slot + 5);
}

/* The EAN-13 check digit of the first 12 digits. */
static int
ean_check(const char *d12)
{
	int	i, sum = 0;

	for (i = 0; i < 12; i++)
		sum += (d12[i] - '0') * (i % 2 ? 3 : 1);
	return (10 - sum % 10) % 10;
}

/*
 * Like a real EAN-13: the supplier's country prefix, its company number,
 * then item numbers it hands out in order with small gaps, and the check
 * digit. Countries differ between suppliers and items only grow, so no
 * two products share a code.
 */
static void
make_barcode(struct gen *g, int sup, char *out)
{
	uint64_t	v;

	if (g->item[sup] == 0) {
		g->company[sup] = (uint64_t)rng_range(&g->rng, 1000, 8999);
		g->item[sup] = (uint64_t)rng_range(&g->rng, 10, 5000);
	}
	g->item[sup] += (uint64_t)rng_range(&g->rng, 1, 3);
	v = g->company[sup] * 100000 + g->item[sup];
	snprintf(out, 14, "%s%09" PRIu64, suppliers[sup].gs1, v % 1000000000u);
	out[12] = (char)('0' + ean_check(out));
	out[13] = '\0';
}

/* Price with a shop's endings: mostly .99, some .50 and .00. */
static int64_t
make_price(uint64_t *rng, const struct tmpl *t)
{
	int64_t	whole = rng_range(rng, t->lo, t->hi) / 100;
	double	u = rng_unit(rng);

	if (whole < 2)
		whole = 2;
	if (u < 0.6)
		return whole * 100 - 1;
	if (u < 0.8)
		return whole * 100 - 50;
	return whole * 100;
}

/*
 * The share of product groups that sell most days. A small shop's
 * catalogue is mostly such products; a huge one is mostly long tail.
 */
static double
head_share(int64_t n)
{
	if (n <= 400)
		return 0.6;
	return 0.6 * pow(400.0 / (double)n, 0.6);
}

static int
pick_weighted(uint64_t *rng, const double *w, int n)
{
	double	sum = 0, u;
	int	i;

	for (i = 0; i < n; i++)
		sum += w[i];
	u = rng_unit(rng) * sum;
	for (i = 0; i < n - 1; i++) {
		if (u < w[i])
			return i;
		u -= w[i];
	}
	return n - 1;
}

static int
pick_type(uint64_t *rng)
{
	double	cw[NCATS], tw[NPTYPES];
	int	c, i;

	for (c = 0; c < NCATS; c++)
		cw[c] = categories[c].weight;
	c = pick_weighted(rng, cw, NCATS);
	for (i = 0; i < NPTYPES; i++)
		tw[i] = ptypes[i].cat == c ? ptypes[i].weight : 0.0;
	return pick_weighted(rng, tw, NPTYPES);
}

static int
pick_class(struct gen *g, int cat)
{
	double	h = head_share(g->o->products), w[4];

	w[C_FAST] = h * 0.12 * categories[cat].fast;
	w[C_MEDIUM] = h - w[C_FAST];
	w[C_DEAD] = g->o->products >= 20 ? 0.04 : 0.0;
	w[C_SLOW] = 1.0 - w[C_FAST] - w[C_MEDIUM] - w[C_DEAD];
	return pick_weighted(&g->rng, w, 4);
}

/* A group's units per day, before it is split among variants. */
static double
class_rate(uint64_t *rng, int cls)
{
	switch (cls) {
	case C_FAST:
		return rng_logu(rng, 4.0, 20.0);
	case C_MEDIUM:
		return rng_logu(rng, 0.7, 5.0);
	case C_DEAD:
		return rng_logu(rng, 0.1, 1.5);
	default:
		return rng_logu(rng, 0.01, 0.3);
	}
}

/* Ordering and counting habits follow from the class and the rate. */
static void
plan_product(struct gen *g, struct dprod *p, const struct ptype *pt)
{
	int	days = g->o->days, lo, hi;
	double	r;

	switch (p->cls) {
	case C_FAST:
		p->cover = (int)rng_range(&g->rng, 10, 21);
		p->safety = 5;
		p->count_every = (int)rng_range(&g->rng, 28, 35);
		break;
	case C_MEDIUM:
		p->cover = (int)rng_range(&g->rng, 14, 35);
		p->safety = 4;
		p->count_every = (int)rng_range(&g->rng, 60, 100);
		break;
	default:
		p->cover = (int)rng_range(&g->rng, 60, 150);
		p->safety = 0;
		p->count_every = (int)rng_range(&g->rng, 150, 240);
		break;
	}
	r = p->base;
	p->pack = r * p->cover >= pt->pack ? pt->pack : 1;
	if (p->cls == C_DEAD) {
		lo = days / 3 < 90 ? days / 3 : 90;
		hi = days / 2 < 240 ? days / 2 : 240;
		p->stop = days - (int)rng_range(&g->rng, lo, hi);
	} else
		p->stop = days;
	p->troubled = 0;
}

static void
catalog_add(struct gen *g, const struct ptype *pt, const struct tmpl *t,
    int type, int cls, const char *base, const char *const *vnames,
    const char *const *vcodes, const double *share, int nvar, int suffix)
{
	struct dprod	*p;
	char		 name[256], sku[64];
	double		 rate, g_trend, u, margin;
	int		 v, number, sup, launch;
	int64_t		 price, created;

	number = ++g->numbers[type];
	snprintf(sku, sizeof sku, "%s-%04d", pt->prefix, number);
	rate = class_rate(&g->rng, cls);
	u = rng_unit(&g->rng);
	if (u < 0.6)
		g_trend = 0.08 * rng_normal(&g->rng);
	else if (u < 0.8)
		g_trend = rng_between(&g->rng, 0.25, 1.0);
	else
		g_trend = -rng_between(&g->rng, 0.25, 1.0);
	sup = pt->sup[rng_next(&g->rng) % 2];
	price = make_price(&g->rng, t);
	margin = rng_between(&g->rng, 0.30, 0.60);	/* cost / price */
	launch = 0;
	if (cls != C_DEAD && g->o->days >= 120 && rng_unit(&g->rng) < 0.06)
		launch = (int)rng_range(&g->rng, g->o->days / 4,
		    g->o->days - 30);
	if (launch > 0)
		created = (g->first_day + launch) * DAY + T_OPENING - 1800 -
		    rng_range(&g->rng, 0, 1800);
	else
		created = (g->first_day - rng_range(&g->rng, 7, 400)) * DAY +
		    rng_range(&g->rng, 9 * 3600, 17 * 3600);

	for (v = 0; v < nvar && g->np < g->o->products; v++) {
		p = &g->p[g->np];
		memset(p, 0, sizeof *p);
		if (nvar > 1 || suffix) {
			variant_name(base, vnames[v], suffix, name,
			    sizeof name);
			p->sku = xasprintf("%s-%s", sku, vcodes[v]);
			p->parent = xstrdup(sku);
		} else {
			variant_name(base, vnames[0], 0, name, sizeof name);
			p->sku = xstrdup(sku);
		}
		p->name = xstrdup(name);
		name_take(g, name);
		p->cat = pt->cat;
		p->sup = sup;
		p->price = price;
		p->cost = (int64_t)llround((double)price * margin);
		if (rng_unit(&g->rng) < 0.97)
			make_barcode(g, sup, p->barcode);
		p->cls = cls;
		p->base = rate * share[v];
		p->launch = launch;
		p->created_at = created;
		p->tstep = exp(g_trend / 365.0);
		p->trend = exp(g_trend * ((double)launch -
		    (double)(g->o->days - 1) / 2.0) / 365.0);
		plan_product(g, p, pt);
		p->rop = rng_unit(&g->rng) < 0.4 ? 0 : -1;
		p->rng = g->o->seed ^ ((uint64_t)(g->np + 1) *
		    0xd1b54a32d192ed03ULL);
		g->np++;
	}
}

/* One product group: a single SKU or a parent with its variants. */
static void
catalog_group(struct gen *g)
{
	const struct ptype	*pt;
	const struct tmpl	*t;
	const char		*vnames[8], *vcodes[8];
	double			 share[8], sum;
	char			 base[256], name[256];
	int			 type, cls, nvar, suffix, tries, v, i, ok;
	int			 pick[NELEM(colours)], tmp;

	type = pick_type(&g->rng);
	pt = &ptypes[type];
	cls = pick_class(g, pt->cat);
	for (tries = 0;; tries++) {
		t = &pt->t[rng_next(&g->rng) % pt->nt];
		expand(t->text, &g->rng, base, sizeof base);
		suffix = pt->vmode == V_SIZES;
		nvar = 1;
		if (suffix)
			nvar = (int)NELEM(sizes);
		else if (pt->vmode == V_SLOT && strstr(base, "{var}") != NULL &&
		    rng_unit(&g->rng) < pt->vprob)
			nvar = (int)rng_range(&g->rng, pt->vmin, pt->vmax);

		/* Which options: sizes in order, else distinct picks. */
		if (suffix) {
			for (v = 0; v < nvar; v++) {
				vnames[v] = sizes[v].name;
				vcodes[v] = sizes[v].code;
				share[v] = size_share[v];
			}
		} else if (pt->vmode == V_SLOT) {
			for (i = 0; i < (int)pt->nvo; i++)
				pick[i] = i;
			for (v = 0; v < nvar; v++) {
				i = v + (int)(rng_next(&g->rng) %
				    (pt->nvo - (size_t)v));
				tmp = pick[v];
				pick[v] = pick[i];
				pick[i] = tmp;
				vnames[v] = pt->vo[pick[v]].name;
				vcodes[v] = pt->vo[pick[v]].code;
				if (pt->vo == grinds)
					share[v] = grind_share[pick[v]];
				else
					share[v] = rng_between(&g->rng, 0.5,
					    1.5) * (v == 0 ? 1.6 : 1.0);
			}
		} else {
			vnames[0] = vcodes[0] = "";
			share[0] = 1.0;
		}
		for (sum = 0, v = 0; v < nvar; v++)
			sum += share[v];
		for (v = 0; v < nvar; v++)
			share[v] /= sum;

		/* Every name in the shop is different. */
		ok = 1;
		for (v = 0; v < nvar && ok; v++) {
			variant_name(base, vnames[v], suffix, name,
			    sizeof name);
			ok = !name_taken(g, name);
		}
		if (ok)
			break;
		if (tries >= 12) {
			/* A huge catalogue runs out of words: number it. */
			size_t	len = strlen(base);

			snprintf(base + len, sizeof base - len, " No. %d",
			    g->numbers[type] + 1);
			break;
		}
	}
	catalog_add(g, pt, t, type, cls, base, vnames, vcodes, share, nvar,
	    suffix);
}

/*
 * Some products get a manual reorder point (the simulation's own, so
 * the Alerts pane shows the ones waiting for goods), and a few medium
 * or fast movers are "troubled": their supplier stops delivering near
 * the end, so the demo has products out of stock.
 */
static void
catalog_finish(struct gen *g)
{
	int64_t	i, want, got = 0, tries;

	want = g->np < 10 ? 0 : g->np / 150 < 2 ? 2 : g->np / 150;
	for (tries = 0; got < want && tries < g->np * 4; tries++) {
		i = (int64_t)(rng_next(&g->rng) % (uint64_t)g->np);
		if (g->p[i].troubled || g->p[i].launch != 0 ||
		    (g->p[i].cls != C_MEDIUM && g->p[i].cls != C_FAST) ||
		    g->p[i].base < 0.5)
			continue;
		g->p[i].troubled = 1;
		g->p[i].rop = 0;
		if (g->p[i].tstep < 1.0) {
			g->p[i].trend = 1.0;
			g->p[i].tstep = 1.0;
		}
		got++;
	}
	g->block_from = g->o->days >= 80 ? g->o->days - 40 : g->o->days / 2;
}

static void
catalog_build(struct gen *g)
{
	size_t	cap = 64;

	while (cap < (size_t)g->o->products * 4)
		cap <<= 1;
	g->names_cap = cap;
	g->names = xcalloc(cap, sizeof *g->names);
	g->p = xcalloc((size_t)g->o->products, sizeof *g->p);
	while (g->np < g->o->products)
		catalog_group(g);
	catalog_finish(g);
}

/* ---------------------------------------------------------------- */
/* Simulation. */

static struct ev *
ev_new(struct gen *g, struct dprod *p, int kind, int64_t t, int64_t qty)
{
	struct ev	*v;

	if (g->nev == g->evcap) {
		g->evcap = g->evcap ? g->evcap * 2 : 1024;
		g->ev = xreallocarray(g->ev, g->evcap, sizeof *g->ev);
	}
	v = &g->ev[g->nev++];
	memset(v, 0, sizeof *v);
	v->t = t;
	v->qty = qty;
	v->counted = -1;
	v->prod = (int32_t)(p - g->p);
	v->kind = (uint8_t)kind;
	p->on_hand += qty;
	assert(p->on_hand >= 0);
	assert(t >= p->last_t);
	p->last_t = t;
	return v;
}

/*
 * Reorder when stock covers only the lead time plus safety days at the
 * rate expected (the buyer knows December is busy: ahead is the season
 * of the next two weeks). The manual reorder_point shown is this level
 * at an ordinary time of year.
 */
static int64_t
reorder_level(const struct dprod *p, double ahead)
{
	int64_t	level;

	level = (int64_t)ceil(p->base * p->trend * ahead *
	    (suppliers[p->sup].lead + p->safety));
	return level < 1 ? 1 : level;
}

/* The evening decision: order a case-rounded cover if stock is low. */
static void
reorder(struct gen *g, struct dprod *p, int d, const struct calday *c)
{
	const struct supplier	*s = &suppliers[p->sup];
	double			 r;
	int64_t			 q;
	int			 lead;

	if (p->on_order > 0 || d >= p->stop)
		return;
	if (p->on_hand > reorder_level(p, c->ahead[p->cat]))
		return;
	r = p->base * p->trend * c->ahead[p->cat];
	q = (int64_t)ceil(r * p->cover);
	if (q < 1)
		q = 1;
	q = (q + p->pack - 1) / p->pack * p->pack;
	lead = s->lead + (int)rng_range(&p->rng, -1, 2);
	if (rng_unit(&p->rng) < 0.06)
		lead += (int)rng_range(&p->rng, 4, 12);	/* a late delivery */
	if (lead < 1)
		lead = 1;
	p->on_order = q;
	p->order_day = d;
	p->arrive = d + lead;
	if (p->troubled && p->arrive >= g->block_from)
		p->arrive = g->o->days + 365;		/* backordered */
}

/* A cycle count before opening: usually right, sometimes short. */
static void
day_count(struct gen *g, struct dprod *p, const struct calday *c)
{
	struct ev	*v;
	int64_t		 q, t;
	double		 u;

	t = c->base + T_COUNT + rng_range(&p->rng, 0, 3599);
	p->next_count += p->count_every + (int)rng_range(&p->rng, -5, 5);
	if (t > g->o->end_time)
		return;
	u = rng_unit(&p->rng);
	q = u < 0.80 ? 0 : u < 0.92 ? -1 : u < 0.96 ? -2 : u < 0.99 ? 1 : -3;
	if (q < -p->on_hand)
		q = -p->on_hand;
	v = ev_new(g, p, MV_COUNT, t, q);
	v->counted = p->on_hand;
	v->note = N_COUNT;
	v->user = U_PRIYA;
}

/* The day's sales as one movement, never more than the shelf holds. */
static void
day_sales(struct gen *g, struct dprod *p, int d, const struct calday *c)
{
	struct ev	*v;
	int64_t		 k, t, end = g->o->end_time;
	double		 lambda, frac = 1.0;

	lambda = p->base * p->trend * c->f[p->cat];
	if (p->promo_left > 0) {
		lambda *= p->promo;
		p->promo_left--;
	} else if (rng_unit(&p->rng) <
	    (p->cls == C_SLOW ? 1.0 / 365 : 1.0 / 180)) {
		p->promo_left = (int)rng_range(&p->rng, 3, 10);
		p->promo = rng_between(&p->rng, 1.6, 3.0);
	}
	if (d == g->o->days - 1) {
		/* Today: only the hours that have passed. */
		frac = (double)(end - c->base - T_SALE) /
		    (T_SALE_END - T_SALE);
		frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
	}
	k = rng_poisson(&p->rng, lambda * frac);
	if (k > p->on_hand)
		k = p->on_hand;			/* the shelf is empty */
	if (k <= 0)
		return;
	t = c->base + T_SALE + (int64_t)(rng_unit(&p->rng) * frac *
	    (T_SALE_END - T_SALE - 1));
	v = ev_new(g, p, MV_SALE, t, -k);
	v->user = c->staff;
}

/* Breakage, loss, a find or a correction, after closing. */
static void
day_adjust(struct gen *g, struct dprod *p, const struct calday *c)
{
	struct ev	*v;
	int64_t		 q, t;
	double		 u;
	int		 reason, note;

	t = c->base + T_ADJUST + rng_range(&p->rng, 0, 7199);
	u = rng_unit(&p->rng);
	if (u < (p->cat == CAT_MUGS || p->cat == CAT_KITCHEN ? 0.7 : 0.45)) {
		q = rng_unit(&p->rng) < 0.8 ? -1 : -2;
		reason = R_DAMAGED;
		note = N_DAMAGED + (int)rng_range(&p->rng, 0, 3);
	} else if (u < 0.8) {
		q = -1;
		reason = R_LOST;
		note = N_LOST + (int)rng_range(&p->rng, 0, 1);
	} else if (u < 0.9) {
		q = 1;
		reason = R_FOUND;
		note = N_FOUND + (int)rng_range(&p->rng, 0, 1);
	} else {
		q = rng_unit(&p->rng) < 0.5 ? -1 : 1;
		reason = R_CORRECTION;
		note = N_CORRECTION + (int)rng_range(&p->rng, 0, 1);
	}
	if (t > g->o->end_time || p->on_hand + q < 0)
		return;
	v = ev_new(g, p, MV_ADJUSTMENT, t, q);
	v->reason = (uint8_t)reason;
	v->note = (uint8_t)note;
	v->user = c->staff;
}

/* One product's day, its events in time order; see the file comment. */
static void
simulate_day(struct gen *g, struct dprod *p, int d, const struct calday *c)
{
	struct ev	*v;
	int64_t		 t, end = g->o->end_time;

	if (d == p->launch) {
		/* The first stock: opening balance, or a new line's delivery. */
		if (p->launch == 0) {
			t = c->base + T_OPENING + rng_range(&p->rng, 0, 600);
			v = ev_new(g, p, MV_OPENING, t < end ? t : end,
			    p->init);
			v->user = U_DEMO;
		} else {
			t = c->base + T_RECEIPT + rng_range(&p->rng, 0, 5399);
			v = ev_new(g, p, MV_RECEIPT, t, p->init);
			v->po = d + 1;
			v->user = U_BEN;
		}
	}
	if (c->closed) {
		/* Nothing happens; what was due happens tomorrow. */
		if (p->on_order > 0 && p->arrive == d)
			p->arrive++;
		if (p->next_count == d)
			p->next_count++;
		p->trend *= p->tstep;
		return;
	}
	if (d == p->next_count)
		day_count(g, p, c);
	if (p->on_order > 0 && p->arrive == d) {
		t = c->base + T_RECEIPT + rng_range(&p->rng, 0, 5399);
		if (t <= end) {
			v = ev_new(g, p, MV_RECEIPT, t, p->on_order);
			v->po = p->order_day + 1;
			v->user = U_BEN;
			p->on_order = 0;
		}
	}
	if (d < p->stop)
		day_sales(g, p, d, c);
	if (rng_unit(&p->rng) < categories[p->cat].fragile *
	    (p->cls == C_SLOW || p->cls == C_DEAD ? 0.3 : 1.0))
		day_adjust(g, p, c);
	reorder(g, p, d, c);
	p->trend *= p->tstep;
}

/* Opening stock: the reorder level plus part of an order (dead: more). */
static void
simulate_init(struct dprod *p)
{
	double	r = p->base * p->trend;
	int64_t	level, q;

	level = reorder_level(p, 1.0);
	q = (int64_t)ceil(r * p->cover);
	q = (q + p->pack - 1) / p->pack * p->pack;
	if (q < 1)
		q = 1;
	if (p->cls == C_DEAD)
		p->init = level + q * rng_range(&p->rng, 2, 4);
	else
		p->init = level + (int64_t)llround((double)q *
		    rng_between(&p->rng, 0.3, 1.0));
	if (p->init < 1)
		p->init = 1;
	p->next_count = p->launch + (int)rng_range(&p->rng, 7,
	    p->count_every);
}

/* The shop-wide side of each day, computed once. */
static void
calendar_build(struct gen *g)
{
	struct calday	*c;
	int64_t		 day;
	double		 ev, sum;
	int		 d, k, n, wd, y, m, md;

	g->cal = xcalloc((size_t)g->o->days, sizeof *g->cal);
	for (d = 0; d < g->o->days; d++) {
		c = &g->cal[d];
		day = g->first_day + d;
		c->base = day * DAY;
		wd = weekday(day);
		ev = day_event(day);
		for (k = 0; k < NCATS; k++)
			c->f[k] = weekday_factor[wd] * (7.0 / 7.6) *
			    season(k, day) * ev;
		c->closed = ev == 0.0;
		c->staff = wd == 0 || wd == 6 ? U_SAM : wd <= 3 ? U_MARIA :
		    U_TOM;
		clock_civil_from_days(day, &y, &m, &md);
		c->ymd = y * 10000 + m * 100 + md;
	}
	for (d = 0; d < g->o->days; d++) {
		for (k = 0; k < NCATS; k++) {
			sum = 0;
			for (n = 0; n < 14 && d + n < g->o->days; n++)
				sum += g->cal[d + n].f[k];
			g->cal[d].ahead[k] = sum / n;
		}
	}
}

/* ---------------------------------------------------------------- */
/* Writing. */

static int
write_products(struct gen *g, struct err *e)
{
	sqlite3_stmt	*st;
	struct dprod	*p;
	int64_t		 i;

	st = db_prepare(g->db, "INSERT INTO products (id, sku, name, "
	    "category, barcode, parent_sku, supplier, price, cost, "
	    "reorder_point, active, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", e);
	if (st == NULL)
		return -1;
	for (i = 0; i < g->np; i++) {
		p = &g->p[i];
		sqlite3_bind_int64(st, 1, i + 1);
		sqlite3_bind_text(st, 2, p->sku, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, p->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, categories[p->cat].name, -1,
		    SQLITE_STATIC);
		if (p->barcode[0] != '\0')
			sqlite3_bind_text(st, 5, p->barcode, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 5);
		if (p->parent != NULL)
			sqlite3_bind_text(st, 6, p->parent, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 6);
		sqlite3_bind_text(st, 7, suppliers[p->sup].name, -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, p->price);
		sqlite3_bind_int64(st, 9, p->cost);
		if (p->rop >= 0)
			sqlite3_bind_int64(st, 10, reorder_level(p, 1.0));
		else
			sqlite3_bind_null(st, 10);
		sqlite3_bind_int64(st, 11, p->created_at);
		sqlite3_bind_int64(st, 12, p->created_at);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			return db_fail(g->db, e, "demo: add products");
		}
		sqlite3_reset(st);
	}
	return 0;
}

#define MV_COLS "INSERT INTO movements (product_id, location_id, kind, " \
	"qty, counted, unit_cost, reason, note, user, ext_ref, created_at) " \
	"VALUES "
#define MV_ROW "(?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define MV_NPARAM 10
#define MV_BATCH 64		/* rows per INSERT: amortises each step */

/* The batch statement: MV_BATCH rows of parameters in one INSERT. */
static int
batch_prepare(struct gen *g, struct err *e)
{
	char	*sql, *more;
	int	 i;

	sql = xstrdup(MV_COLS MV_ROW);
	for (i = 1; i < MV_BATCH; i++) {
		more = xasprintf("%s, " MV_ROW, sql);
		free(sql);
		sql = more;
	}
	if (sqlite3_prepare_v3(db_sqlite(g->db), sql, -1,
	    SQLITE_PREPARE_PERSISTENT, &g->batch, NULL) != SQLITE_OK) {
		free(sql);
		return db_fail(g->db, e, "demo: prepare");
	}
	free(sql);
	return 0;
}

/* Bind one movement as the row starting at parameter n + 1. */
static void
bind_event(struct gen *g, sqlite3_stmt *st, int n, const struct ev *v)
{
	const struct dprod	*p = &g->p[v->prod];
	char			 po[32];

	sqlite3_bind_int64(st, n + 1, (int64_t)v->prod + 1);
	sqlite3_bind_text(st, n + 2, ledger_kind_name(v->kind), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, n + 3, v->qty);
	if (v->kind == MV_COUNT)
		sqlite3_bind_int64(st, n + 4, v->counted);
	else
		sqlite3_bind_null(st, n + 4);
	if (v->kind == MV_RECEIPT || v->kind == MV_OPENING)
		sqlite3_bind_int64(st, n + 5, p->cost);
	else
		sqlite3_bind_null(st, n + 5);
	if (v->reason != R_NONE)
		sqlite3_bind_text(st, n + 6, reasons[v->reason], -1,
		    SQLITE_STATIC);
	else
		sqlite3_bind_null(st, n + 6);
	sqlite3_bind_text(st, n + 7, notes[v->note], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, n + 8, users[v->user], -1, SQLITE_STATIC);
	if (v->po != 0) {
		/* One purchase order per supplier per day. */
		snprintf(po, sizeof po, "PO-%08d-%02d", g->cal[v->po - 1].ymd,
		    p->sup + 1);
		sqlite3_bind_text(st, n + 9, po, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_null(st, n + 9);
	sqlite3_bind_int64(st, n + 10, v->t);
}

static int
step(struct gen *g, sqlite3_stmt *st, struct err *e)
{
	int	rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(g->db, e, "demo: add movements");
	return 0;
}

/*
 * Insert the buffered movements in order: whole batches, then (when
 * all is set) the rest one by one; otherwise the rest waits for more.
 */
static int
write_events(struct gen *g, int all, struct err *e)
{
	sqlite3_stmt	*one;
	size_t		 i = 0;
	int		 r;

	for (; g->nev - i >= MV_BATCH; i += MV_BATCH) {
		for (r = 0; r < MV_BATCH; r++)
			bind_event(g, g->batch, r * MV_NPARAM, &g->ev[i + r]);
		if (step(g, g->batch, e) != 0)
			return -1;
	}
	if (all && i < g->nev) {
		if ((one = db_prepare(g->db, MV_COLS MV_ROW, e)) == NULL)
			return -1;
		for (; i < g->nev; i++) {
			bind_event(g, one, 0, &g->ev[i]);
			if (step(g, one, e) != 0)
				return -1;
		}
	}
	g->movements += (int64_t)i;
	memmove(g->ev, g->ev + i, (g->nev - i) * sizeof *g->ev);
	g->nev -= i;
	return 0;
}

/*
 * Product by product, day by day. Each product's movements get
 * consecutive ids in time order, which also appends to the
 * movements_product index in key order instead of writing it at random.
 */
static int
simulate(struct gen *g, struct err *e)
{
	struct dprod	*p;
	int64_t		 i;
	int		 d;

	calendar_build(g);
	if (batch_prepare(g, e) != 0)
		return -1;
	for (i = 0; i < g->np; i++) {
		p = &g->p[i];
		simulate_init(p);
		for (d = p->launch; d < g->o->days; d++)
			simulate_day(g, p, d, &g->cal[d]);
		if (g->nev >= 4096 && write_events(g, 0, e) != 0)
			return -1;
	}
	return write_events(g, 1, e);
}

static int
write_levels(struct gen *g, struct err *e)
{
	sqlite3_stmt	*st;
	struct dprod	*p;
	int64_t		 i;

	st = db_prepare(g->db, "INSERT INTO inventory (product_id, "
	    "location_id, on_hand, committed, updated_at) "
	    "VALUES (?, 1, ?, 0, ?)", e);
	if (st == NULL)
		return -1;
	for (i = 0; i < g->np; i++) {
		p = &g->p[i];
		sqlite3_bind_int64(st, 1, i + 1);
		sqlite3_bind_int64(st, 2, p->on_hand);
		sqlite3_bind_int64(st, 3, p->last_t);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			return db_fail(g->db, e, "demo: add stock levels");
		}
		sqlite3_reset(st);
	}
	return 0;
}

static int
write_meta(struct gen *g, struct err *e)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%" PRIu64, g->o->seed);
	if (db_meta_set(g->db, "demo_seed", buf, e) != 0)
		return -1;
	snprintf(buf, sizeof buf, "%" PRId64, g->o->products);
	if (db_meta_set(g->db, "demo_products", buf, e) != 0)
		return -1;
	snprintf(buf, sizeof buf, "%d", g->o->days);
	if (db_meta_set(g->db, "demo_days", buf, e) != 0)
		return -1;
	snprintf(buf, sizeof buf, "%" PRId64, g->o->end_time);
	return db_meta_set(g->db, "demo_end_time", buf, e);
}

/* ---------------------------------------------------------------- */
/* Files. */

static double
mono_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
demo_opts_default(struct demo_opts *o)
{
	o->products = DEMO_PRODUCTS;
	o->days = DEMO_DAYS;
	o->seed = DEMO_SEED;
	o->end_time = clock_now();
}

int
demo_is_demo(const char *path)
{
	struct db	*db;
	char		*seed;

	if (db_open(path, DB_READONLY, &db, NULL) != 0)
		return 0;
	seed = db_meta_get(db, "demo_seed");
	db_close(db);
	free(seed);
	return seed != NULL;
}

/* The target must be missing or an earlier demo. */
static int
check_target(const char *path, struct err *e)
{
	struct stat	sb;

	if (stat(path, &sb) == -1) {
		if (errno == ENOENT)
			return 0;
		err_set(e, ERR_SYSTEM, "demo: %s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISREG(sb.st_mode) && demo_is_demo(path))
		return 0;
	err_set(e, ERR_REFUSED, "demo: %s exists and is not a demo database; "
	    "refusing to overwrite it (use --db with a new file)", path);
	return -1;
}

static int
check_opts(const struct demo_opts *o, struct err *e)
{
	if (o->products < 1 || o->products > DEMO_MAX_PRODUCTS) {
		err_set(e, ERR_USAGE, "demo: products must be 1 to %d",
		    DEMO_MAX_PRODUCTS);
		return -1;
	}
	if (o->days < 1 || o->days > DEMO_MAX_DAYS) {
		err_set(e, ERR_USAGE, "demo: days must be 1 to %d",
		    DEMO_MAX_DAYS);
		return -1;
	}
	if (o->end_time / DAY < o->days) {
		err_set(e, ERR_USAGE, "demo: the history would start before "
		    "1970");
		return -1;
	}
	return 0;
}

/*
 * While the file is private nothing needs to survive a crash: no
 * journal, no syncs. The data is consistent by construction, so no
 * foreign key lookups and no CHECK (kind IN (...)), which alone costs
 * more than the rest of an insert. These are connection settings: the
 * file keeps its schema, and db_open() sets the usual ones again.
 */
static int
fast_pragmas(struct db *db, struct err *e)
{
	char	sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", DEMO_CACHE_KIB);
	if (db_exec(db, "PRAGMA foreign_keys = OFF", e) != 0 ||
	    db_exec(db, "PRAGMA journal_mode = OFF", e) != 0 ||
	    db_exec(db, "PRAGMA synchronous = OFF", e) != 0 ||
	    db_exec(db, "PRAGMA temp_store = MEMORY", e) != 0 ||
	    db_exec(db, "PRAGMA ignore_check_constraints = ON", e) != 0 ||
	    db_exec(db, sql, e) != 0)
		return -1;
	return 0;
}

static int
sync_path(const char *path, int dir, struct err *e)
{
	int	fd, rc;

	fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		err_set(e, ERR_SYSTEM, "demo: open %s: %s", path,
		    strerror(errno));
		return -1;
	}
	rc = fsync(fd);
	close(fd);
	if (rc != 0 && !(dir && errno == EINVAL)) {
		err_set(e, ERR_SYSTEM, "demo: sync %s: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static void
unlink_side(const char *path, const char *suffix)
{
	char	*s;

	s = xasprintf("%s%s", path, suffix);
	unlink(s);
	free(s);
}

static void
gen_free(struct gen *g)
{
	int64_t	i;

	for (i = 0; i < g->np; i++) {
		free(g->p[i].sku);
		free(g->p[i].name);
		free(g->p[i].parent);
	}
	free(g->p);
	free(g->names);
	free(g->ev);
	free(g->cal);
}

int
demo_generate(const char *path, const struct demo_opts *o,
    struct demo_stats *stats, struct err *e)
{
	struct gen	 g;
	char		*dir = NULL, *tmp = NULL;
	double		 t0 = mono_now();
	int		 fd, intx = 0, rc = -1;

	memset(&g, 0, sizeof g);
	if (check_opts(o, e) != 0 || check_target(path, e) != 0)
		goto out;
	dir = paths_dirname(path);
	if (paths_mkdir_p(dir, 0700, e) != 0)
		goto out;

	/* A private file beside the target, so rename() is atomic. */
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		err_set(e, ERR_SYSTEM, "demo: create %s: %s", tmp,
		    strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	close(fd);
	if (db_open(tmp, DB_CREATE, &g.db, e) != 0 ||
	    fast_pragmas(g.db, e) != 0)
		goto out;

	g.o = o;
	g.rng = o->seed;
	g.first_day = o->end_time / DAY - o->days + 1;
	catalog_build(&g);
	if (db_begin(g.db, e) != 0)
		goto out;
	intx = 1;
	if (simulate(&g, e) != 0 || write_products(&g, e) != 0 ||
	    write_levels(&g, e) != 0 || write_meta(&g, e) != 0)
		goto out;
	intx = 0;
	if (db_commit(g.db, e) != 0)
		goto out;

	/* Back to a normal shop file: WAL (db_open sets synchronous). */
	if (db_exec(g.db, "PRAGMA journal_mode = WAL", e) != 0)
		goto out;
	sqlite3_finalize(g.batch);
	g.batch = NULL;
	db_close(g.db);
	g.db = NULL;
	if (sync_path(tmp, 0, e) != 0)
		goto out;

	/*
	 * Look again (a shop may have appeared meanwhile), then drop the
	 * old demo's -wal and -shm: SQLite would replay a stale WAL over
	 * the new file.
	 */
	if (check_target(path, e) != 0)
		goto out;
	unlink_side(path, "-wal");
	unlink_side(path, "-shm");
	if (rename(tmp, path) != 0) {
		err_set(e, ERR_SYSTEM, "demo: rename %s to %s: %s", tmp, path,
		    strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (sync_path(dir, 1, e) != 0)
		goto out;
	if (stats != NULL) {
		stats->products = g.np;
		stats->movements = g.movements;
		stats->seconds = mono_now() - t0;
	}
	rc = 0;
out:
	sqlite3_finalize(g.batch);
	g.batch = NULL;
	if (g.db != NULL) {
		if (intx)
			db_rollback(g.db);
		db_close(g.db);
	}
	if (tmp != NULL) {
		unlink(tmp);
		unlink_side(tmp, "-wal");
		unlink_side(tmp, "-shm");
		unlink_side(tmp, "-journal");
		free(tmp);
	}
	free(dir);
	gen_free(&g);
	return rc;
}
