"""Pages per life domain (leefgebied). Field names are the fact names of the intake contract.

Questions about one person carry `%(name)s`; the registry fills in 'u' or the person's first
name, so every verb here is one that reads well in both ('Heeft u', 'Heeft Sam')."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import StopValidation

from forms.contract import MAX_ABSENCE_HOURS_4_WEEKS
from portal.intake_form.fields import Choice, MultiCheckbox, Number, YesNo

NONE = "geen"

SUBJECTS = [
    ("income", _l("Geld en inkomen")),
    ("debts", _l("Geld dat u moet, of rekeningen die u niet kunt betalen")),
    ("housing", _l("Wonen")),
    ("care", _l("Gezondheid, zelf dingen doen en vervoer")),
    ("parenting", _l("Opvoeden en opgroeien van de kinderen")),
    ("school", _l("School en leerplicht")),
    ("work", _l("Werk en dagbesteding")),
    ("network", _l("Mensen om u heen en zorgen voor een ander (mantelzorg)")),
    ("safety", _l("Veiligheid thuis")),
]


class SubjectsForm(FlaskForm):
    subjects = MultiCheckbox(
        _l("Over welke onderwerpen wilt u iets vertellen?"),
        description=_l("Kies alles wat voor u of uw huishouden geldt."),
    )

    def validate_subjects(self, field):
        chosen = field.data or []
        if not chosen:
            raise StopValidation(
                _("Kies minstens één onderwerp, of kies 'Geen van deze onderwerpen'.")
            )
        if NONE in chosen and len(chosen) > 1:
            raise StopValidation(
                _("Kies 'Geen van deze onderwerpen' of kies wat past. Niet allebei.")
            )


class IncomeForm(FlaskForm):
    # Only the applicant's and the partner's money: the Participatiewet counts the income and
    # assets of the alleenstaande or the gezin (Pw art. 31, 32, 34), not of adult children or
    # housemates, whose share is in the kostendelersnorm (Pw 22a). Counting their wages here
    # refused bijstand to a mother whose son of 28 works.
    monthly_net_income = Number(
        _l("Hoeveel geld krijgt u per maand?"),
        description=_l(
            "Netto: wat er op de bank komt, in euro's. Bijvoorbeeld loon, uitkering of pensioen. "
            "Heeft u een partner? Tel dan het geld van uw partner mee. Het geld van uw kinderen "
            "en van andere mensen die bij u wonen telt niet mee. Laat leeg als u het niet weet."
        ),
    )
    assets = Number(
        _l("Hoeveel spaargeld heeft u?"),
        description=_l(
            "In euro's, ook andere bezittingen van waarde. Heeft u een partner? Tel dan het "
            "spaargeld van uw partner mee. Laat leeg als u het niet weet."
        ),
    )
    receives_bijstand = YesNo(_l("Krijgt u nu een bijstandsuitkering?"))
    low_income_years = Number(
        _l("Hoeveel jaar heeft u al een laag inkomen?"),
        whole=True,
        maximum=100,
        description=_l("Laat leeg als u het niet weet."),
    )
    unexpected_necessary_costs = YesNo(
        _l("Heeft u onverwachte kosten die echt nodig zijn, maar die u niet kunt betalen?"),
        item=_l("Onverwachte kosten die echt nodig zijn, maar die ik niet kan betalen"),
        description=_l("Bijvoorbeeld een wasmachine die stuk is, of een rekening van de tandarts."),
    )
    # asked without a negation: "nee" to "kunt u ... niet betalen" confused people (issue #13)
    childcare_costs_unaffordable = YesNo(
        _l("Is de kinderopvang te duur voor u?"), item=_l("De kinderopvang is te duur voor mij")
    )


class DebtsForm(FlaskForm):
    has_debts = YesNo(
        _l("Heeft u schulden of rekeningen die u niet op tijd kunt betalen?"),
        description=_l("Bijvoorbeeld huur, energie, zorgverzekering of een lening."),
    )


class DebtDetailsForm(FlaskForm):
    debt_amount = Number(
        _l("Hoeveel schuld is het ongeveer, in euro's?"),
        description=_l("Een schatting is goed. Laat leeg als u het niet weet."),
    )
    threatened_eviction = YesNo(
        _l("Heeft de verhuurder gezegd dat u het huis uit moet?"),
        item=_l("De verhuurder heeft gezegd dat ik het huis uit moet"),
    )
    threatened_energy_cutoff = YesNo(
        _l("Wordt uw gas, stroom, warmte of water afgesloten?"),
        item=_l("Mijn gas, stroom, warmte of water wordt afgesloten"),
    )
    health_insurance_cancelled = YesNo(
        _l("Wordt uw zorgverzekering gestopt, of is die al gestopt?"),
        item=_l("Mijn zorgverzekering is opgezegd, of wordt opgezegd"),
    )
    has_administrator = YesNo(
        _l("Heeft u al een bewindvoerder?"), item=_l("Ik heb al een bewindvoerder")
    )


class HousingForm(FlaskForm):
    situation = Choice(
        _l("Waar woont u nu?"),
        choices=[
            ("own_home", _l("In een koophuis")),
            ("rental", _l("In een huurhuis")),
            ("room", _l("Op een kamer")),
            ("with_family_or_friends", _l("Bij familie of vrienden")),
            ("institution", _l("In een instelling, zoals een zorginstelling")),
            ("homeless", _l("Ik heb geen woning")),
            ("other", _l("Anders")),
        ],
    )
    must_leave_home = YesNo(_l("Moet u binnenkort uit uw huis of kamer?"))
    home_unsuitable_for_limitation = YesNo(
        _l("Past uw huis niet meer bij een beperking van u of iemand in uw huishouden?"),
        description=_l("Bijvoorbeeld: u kunt de trap niet meer op."),
    )
    home_unsafe_or_unhealthy = YesNo(
        _l("Is uw huis onveilig of ongezond?"),
        description=_l("Bijvoorbeeld veel schimmel, vocht of kapotte elektriciteit."),
    )


class LeavingHomeForm(FlaskForm):
    weeks_until_leaving = Number(
        _l("Over hoeveel weken moet u uit uw huis?"),
        whole=True,
        maximum=520,
        description=_l("Laat leeg als u het niet weet."),
    )


class CareWhoForm(FlaskForm):
    members = MultiCheckbox(_l("Voor wie in uw huishouden geldt dit?"))

    def validate_members(self, field):
        if not field.data:
            raise StopValidation(
                _("Kies minstens één persoon bij: %(label)s", label=str(field.label.text))
            )


class HealthForm(FlaskForm):
    physical_limitation = YesNo(
        _l("Heeft %(name)s een lichamelijke beperking of ziekte?"),
        item=_l("Een lichamelijke beperking of ziekte"),
    )
    mental_health_problems = YesNo(
        _l("Heeft %(name)s psychische problemen?"), item=_l("Psychische problemen")
    )
    in_mental_health_treatment = YesNo(
        _l("Krijgt %(name)s nu behandeling van de GGZ?"), item=_l("Nu behandeling van de GGZ")
    )
    addiction = YesNo(
        _l("Heeft %(name)s problemen met alcohol, drugs of gokken?"),
        item=_l("Problemen met alcohol, drugs of gokken"),
    )
    needs_medical_treatment = YesNo(
        _l("Heeft %(name)s medische zorg nodig die er nu niet is?"),
        item=_l("Medische zorg nodig die er nu niet is"),
    )
    needs_nursing_care = YesNo(
        _l("Heeft %(name)s verpleging of verzorging thuis nodig?"),
        item=_l("Verpleging of verzorging thuis nodig"),
    )
    needs_permanent_supervision = YesNo(
        _l("Heeft %(name)s dag en nacht toezicht of zorg in de buurt nodig?"),
        item=_l("Dag en nacht toezicht of zorg in de buurt nodig"),
    )
    fall_risk = YesNo(
        _l("Valt %(name)s vaak, of loopt %(name)s kans om te vallen?"),
        item=_l("Valt vaak, of kan makkelijk vallen"),
    )
    cannot_call_for_help = YesNo(
        _l("Heeft %(name)s moeite om zelf hulp te roepen als er iets gebeurt?"),
        item=_l("Moeite om zelf hulp te roepen als er iets gebeurt"),
    )
    unable_to_care_for_children = YesNo(
        _l("Heeft %(name)s door ziekte of beperking moeite om voor de kinderen te zorgen?"),
        item=_l("Door ziekte of beperking moeite om voor de kinderen te zorgen"),
    )


class SelfCareForm(FlaskForm):
    needs_help_personal_care = YesNo(
        _l("Heeft %(name)s hulp nodig bij wassen, aankleden of naar het toilet gaan?"),
        item=_l("Hulp nodig bij wassen, aankleden of naar het toilet gaan"),
    )
    needs_help_housekeeping = YesNo(
        _l("Heeft %(name)s hulp nodig bij het huishouden, zoals schoonmaken of de was?"),
        item=_l("Hulp nodig bij het huishouden, zoals schoonmaken of de was"),
    )
    needs_help_daily_structure = YesNo(
        _l("Heeft %(name)s hulp nodig om de dag te plannen en dingen te regelen?"),
        item=_l("Hulp nodig om de dag te plannen en dingen te regelen"),
    )
    needs_help_administration = YesNo(
        _l("Heeft %(name)s hulp nodig bij post, geld en formulieren?"),
        item=_l("Hulp nodig bij post, geld en formulieren"),
    )


class MobilityForm(FlaskForm):
    walking_difficulty = YesNo(_l("Heeft %(name)s moeite met lopen?"), item=_l("Moeite met lopen"))
    uses_wheelchair = YesNo(_l("Gebruikt %(name)s een rolstoel?"), item=_l("Gebruikt een rolstoel"))
    stairs_difficulty = YesNo(
        _l("Heeft %(name)s moeite met traplopen?"), item=_l("Moeite met traplopen")
    )
    can_use_public_transport = YesNo(
        _l("Reist %(name)s zelf met de bus, tram of trein?"),
        item=_l("Reist zelf met de bus, tram of trein"),
    )
    needs_transport_for_social_life = YesNo(
        _l("Heeft %(name)s vervoer nodig om mensen te zien of mee te doen?"),
        item=_l("Vervoer nodig om mensen te zien of mee te doen"),
    )


class ParentingForm(FlaskForm):
    parenting_worries = YesNo(
        _l("Heeft u zorgen of vragen over het opvoeden?"),
        item=_l("Ik heb zorgen of vragen over het opvoeden"),
    )
    parents_overburdened = YesNo(
        _l("Heeft u het gevoel dat het opvoeden u (of u en uw partner) te veel wordt?"),
        item=_l("Het opvoeden wordt mij (of mij en mijn partner) te veel"),
    )
    childcare_advised = YesNo(
        _l("Heeft een hulpverlener of arts kinderopvang aangeraden?"),
        item=_l("Een hulpverlener of arts heeft kinderopvang aangeraden"),
    )


class GrowingUpForm(FlaskForm):
    behaviour_worries = YesNo(
        _l("Heeft u zorgen over het gedrag van %(name)s?"), item=_l("Zorgen over het gedrag")
    )
    development_worries = YesNo(
        _l("Heeft u zorgen over de ontwikkeling van %(name)s?"),
        item=_l("Zorgen over de ontwikkeling"),
    )
    needs_intensive_care = YesNo(
        _l("Vraagt %(name)s veel meer zorg dan andere kinderen van die leeftijd?"),
        item=_l("Vraagt veel meer zorg dan andere kinderen van die leeftijd"),
    )
    receives_youth_care = YesNo(
        _l("Krijgt %(name)s nu al jeugdhulp?"), item=_l("Krijgt nu al jeugdhulp")
    )


class SchoolForm(FlaskForm):
    type = Choice(
        _l("Naar welke school of opvang gaat %(name)s?"),
        choices=[
            ("none", _l("Geen school of opvang")),
            ("childcare", _l("Kinderopvang")),
            ("primary", _l("Basisschool")),
            ("special_primary", _l("Speciaal basisonderwijs")),
            ("secondary", _l("Middelbare school")),
            ("special_secondary", _l("Voortgezet speciaal onderwijs")),
            ("mbo", _l("Mbo")),
            ("higher", _l("Hbo of universiteit")),
            ("other", _l("Anders")),
        ],
    )
    enrolled = YesNo(_l("Staat %(name)s ingeschreven op een school?"))
    unauthorised_absence = YesNo(_l("Mist %(name)s school zonder toestemming?"))
    absence_hours_last_4_weeks = Number(
        _l("Hoeveel uur school heeft %(name)s de laatste 4 weken gemist?"),
        maximum=MAX_ABSENCE_HOURS_4_WEEKS,
        description=_l("Laat leeg als u het niet weet."),
    )
    distance_to_school_km = Number(
        _l("Hoe ver is de school van uw huis, in kilometers?"),
        maximum=1000,
        description=_l("Laat leeg als u het niet weet."),
    )
    needs_adapted_transport = YesNo(
        _l("Heeft %(name)s door een beperking hulp nodig om naar school te reizen?")
    )


class WorkForm(FlaskForm):
    status = Choice(
        _l("Wat doet %(name)s overdag?"),
        choices=[
            ("employed", _l("Werken in loondienst")),
            ("self_employed", _l("Werken als zelfstandige (zzp)")),
            ("unemployed", _l("Geen werk")),
            ("sick_leave", _l("Ziek thuis van het werk")),
            ("declared_unfit", _l("Afgekeurd voor werk")),
            ("student", _l("School of studie")),
            ("retired", _l("Met pensioen")),
            ("other", _l("Anders")),
        ],
    )
    wants_work = YesNo(_l("Zoekt %(name)s (meer) betaald werk?"))
    recently_lost_job = YesNo(_l("Heeft %(name)s kort geleden een baan verloren?"))
    sick_while_employed = YesNo(
        _l("Heeft %(name)s werk, maar kan %(name)s nu niet werken door ziekte?")
    )
    has_daytime_activity = YesNo(
        _l("Heeft %(name)s overdag iets zinvols te doen?"),
        description=_l("Bijvoorbeeld werk, vrijwilliger zijn, een hobby of een club."),
    )
    wants_daytime_activity = YesNo(_l("Zoekt %(name)s iets om overdag te doen?"))


class NetworkForm(FlaskForm):
    has_supportive_network = YesNo(
        _l("Zijn er mensen in de buurt die u kunnen helpen?"),
        item=_l("Er zijn mensen in de buurt die mij kunnen helpen"),
    )
    feels_lonely = YesNo(_l("Voelt u zich vaak eenzaam?"), item=_l("Ik voel me vaak eenzaam"))
    wants_client_support = YesNo(
        _l("Wilt u iemand die u helpt bij gesprekken met de gemeente?"),
        item=_l("Ik wil iemand die mij helpt bij gesprekken met de gemeente"),
        description=_l(
            "Een cliëntondersteuner is gratis. Die werkt niet voor de gemeente, maar helpt u."
        ),
    )


class InformalCareForm(FlaskForm):
    is_informal_carer = YesNo(
        _l("Zorgt %(name)s voor iemand die ziek is of een beperking heeft?"),
        item=_l("Zorgt voor iemand die ziek is of een beperking heeft"),
        description=_l("Dit heet mantelzorg. Die persoon mag ook buiten uw huis wonen."),
    )
    carer_overburdened = YesNo(
        _l("Heeft %(name)s het te zwaar met die zorg?"), item=_l("Heeft het te zwaar met die zorg")
    )


class SafetyForm(FlaskForm):
    feels_unsafe_at_home = YesNo(_l("Voelt u zich thuis niet veilig?"))
    domestic_violence = YesNo(_l("Is er geweld of dreiging in huis?"))
    child_unsafe = YesNo(_l("Is een kind thuis niet veilig?"))
    immediate_danger = YesNo(
        _l("Is er nu direct gevaar?"),
        description=_l("Is er nu gevaar? Bel dan direct 112."),
    )
