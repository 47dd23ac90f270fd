#!/usr/bin/env python3
"""Writes the data-quality test fixtures in this folder deterministically (python3 make_fixtures.py)."""
import math
import random
import datetime as dt

here = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'


def weather():
    # A daily weather-like table: a date, four measurements, five weather classes of which three are rare.
    r = random.Random(7)
    rows = ["date,temp_max,temp_min,precipitation,wind,weather"]
    day = dt.date(2012, 1, 1)
    for i in range(1096):
        doy = day.timetuple().tm_yday
        season = math.cos(2 * math.pi * (doy - 200) / 365.25)
        tmax = 16 + 9 * season + r.gauss(0, 3)
        tmin = tmax - 7 - r.random() * 3
        wet = r.random() < 0.45 - 0.25 * season
        prec = round(r.expovariate(0.25), 1) if wet else 0.0
        wind = round(abs(r.gauss(3.2, 1.3)), 1)
        if prec > 0 and tmax < 4:
            w = "snow"
        elif prec > 0:
            w = "rain"
        elif r.random() < 0.04 * (1 + season):
            w = "fog"
        elif wind < 1.4 and r.random() < 0.5:
            w = "drizzle"
        else:
            w = "sun"
        rows.append(f"{day.isoformat()},{tmax:.1f},{tmin:.1f},{prec},{wind},{w}")
        day += dt.timedelta(days=1)
    open(f"{here}/weather_daily.csv", "w").write("\n".join(rows) + "\n")


def dirty():
    # Numbers with a few unusable cells: a typo'd number and one beyond float range (2 of 300 = 0.67 %).
    r = random.Random(3)
    rows = ["x1,x2,y"]
    for i in range(300):
        a, b = r.uniform(0, 10), r.uniform(0, 10)
        y = "high" if a + b > 10 else "low"
        cell = f"{b:.3f}"
        if i == 40:
            cell = "100.333.333.333"
        if i == 170:
            cell = "1e300"
        rows.append(f"{a:.3f},{cell},{y}")
    open(f"{here}/dirty_numbers.csv", "w").write("\n".join(rows) + "\n")


def messy():
    # A customer-like table: a running index, an all-distinct code, free text, a yes/no flag, a skewed amount,
    # a day-first date, a 500-category shop and an imbalanced three-class target.
    r = random.Random(11)
    words = "quick delivery great service slow refund broken item lovely staff would buy again never late".split()
    rows = ["row,code,note,active,amount,signup,shop,x,segment"]
    for i in range(1500):
        shop = r.randrange(500)
        x = r.gauss(0, 1)
        amount = round(math.exp(r.gauss(3, 1.2)), 2)
        active = r.choice(["yes", "no"])
        signup = dt.date(2019, 1, 1) + dt.timedelta(days=r.randrange(1400))
        note = " ".join(r.choice(words) for _ in range(r.randint(5, 9)))
        score = x + (0.8 if active == "yes" else -0.8) + 0.5 * math.log(amount) - 1.5 + (shop % 7 - 3) * 0.4
        if score > 2.2:
            seg = "vip"
        elif score > 0.9:
            seg = "regular"
        else:
            seg = "basic"
        rows.append(f"{i},C{r.randrange(10**9):09d},{note},{active},{amount},{signup.strftime('%d/%m/%Y')},"
                    f"shop{shop:03d},{x:.3f},{seg}")
    open(f"{here}/messy.csv", "w").write("\n".join(rows) + "\n")


def date_formats():
    # One date column per common form, the same 60 instants in each; the target follows the season.
    r = random.Random(5)
    rows = ["iso,iso_time,dmy,mdy,dmy_dots,ymd_slash,value,season"]
    start = dt.datetime(2020, 1, 1, 0, 0)
    for i in range(60):
        t = start + dt.timedelta(days=i * 11, hours=(i * 7) % 24, minutes=(i * 13) % 60)
        season = "summer" if 4 <= t.month <= 9 else "winter"
        rows.append(f"{t.date().isoformat()},{t.strftime('%Y-%m-%dT%H:%M:%S')},{t.strftime('%d/%m/%Y %H:%M')},"
                    f"{t.strftime('%m/%d/%Y')},{t.strftime('%d.%m.%Y')},{t.strftime('%Y/%m/%d')},"
                    f"{r.uniform(0, 1):.3f},{season}")
    open(f"{here}/date_formats.csv", "w").write("\n".join(rows) + "\n")


def vehicles():
    # Like the classic auto-mpg table: a make-and-model name per row (about 300 distinct in 398 rows), the model
    # year written as a date, origin codes; mpg depends on weight, power, year and the make.
    r = random.Random(5)
    usa = "ford chevrolet plymouth amc dodge buick pontiac mercury oldsmobile chrysler cadillac".split()
    europe = "volkswagen peugeot fiat audi volvo renault saab bmw opel mercedes".split()
    japan = "toyota datsun honda mazda subaru mitsubishi nissan isuzu".split()
    makes = [(m, 1) for m in usa] + [(m, 2) for m in europe] + [(m, 3) for m in japan]
    effect = {m: r.gauss(0, 1.5) for m, _ in makes}
    words = ("pinto maverick torino galaxie impala nova malibu vega fury valiant duster gremlin hornet matador dart "
             "coronet charger skylark century lesabre catalina ventura marquis cutlass omega newport corolla corona "
             "celica 510 210 280z civic accord glc rx3 dl brat colt lancer rabbit dasher 504 128 124 fox 100ls 244dl "
             "r12 99le 320i manta 300d").split()
    variants = ["", "", "", " wagon", " custom"]
    rows = ["name,cylinders,displacement,horsepower,weight,acceleration,model_year,origin,mpg"]
    for i in range(398):
        make, origin = makes[r.randrange(len(makes))] if r.random() < 0.5 else makes[r.randrange(8)]
        name = f"{make} {r.choice(words[:14])}{r.choice(variants)}"
        cyl = r.choice([4, 4, 4, 6, 8]) if origin == 1 else r.choice([4, 4, 4, 4, 6])
        weight = int(1600 + 420 * cyl + r.gauss(0, 280))
        disp = int(cyl * 40 + weight * 0.03 + r.gauss(0, 15))
        hp = int(30 + 12 * cyl + weight * 0.012 + r.gauss(0, 10))
        year = 70 + r.randrange(13)
        acc = round(max(8.0, 24 - hp * 0.06 + r.gauss(0, 1.5)), 1)
        mpg = 46 - 0.0075 * weight + 0.75 * (year - 70) - 0.02 * hp + effect[make] + r.gauss(0, 2.2)
        rows.append(f"{name},{cyl},{disp},{hp},{weight},{acc},19{year}-01-01,{origin},{max(9.0, mpg):.1f}")
    open(f"{here}/vehicles.csv", "w").write("\n".join(rows) + "\n")


def rainfall():
    # A zero-inflated column decides the label: half the days are dry (exactly 0), the others wet, many of them by
    # a tenth of a millimetre - a cut standardization hides (0 and 0.1 end up 0.03 apart).
    r = random.Random(5)
    rows = ["rain,temp,wind,day"]
    for i in range(300):
        rain = 0.0 if r.random() < 0.5 else max(0.1, round(r.expovariate(0.5), 1))
        temp = round(r.gauss(12, 6), 1)
        wind = round(abs(r.gauss(3, 1.2)), 1)
        rows.append(f"{rain},{temp},{wind},{'wet' if rain > 0 else 'dry'}")
    open(f"{here}/rainfall.csv", "w").write("\n".join(rows) + "\n")


weather()
rainfall()
dirty()
messy()
date_formats()
vehicles()
